package io.hotbundle.container.internal.leaks;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.ref.Reference;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the JDK keeps to itself and the leak report needs: the classes a class loader defined, a thread's
 * ThreadLocal values, the shutdown hooks, and static fields read as they are (without running a class's static
 * initializer, which reading them through reflection would do).
 *
 * <p>The first three need {@code java.lang} opened to the container ({@code --add-opens
 * java.base/java.lang=ALL-UNNAMED}: the {@code hotbundle} script passes it). Without it they are
 * {@linkplain #unavailable unavailable}, and the report says why instead of failing.
 */
final class JdkInternals {

    /** The option that opens java.lang, as a user types it. */
    static final String OPEN_JAVA_LANG = "--add-opens java.base/java.lang=ALL-UNNAMED";

    private static final JdkInternals INSTANCE = new JdkInternals();

    private final VarHandle loaderClasses;
    private final VarHandle threadLocals;
    private final VarHandle inheritableThreadLocals;
    private final VarHandle mapTable;
    private final VarHandle entryValue;
    private final VarHandle threadTarget;
    private final VarHandle shutdownHooks;
    private final String unavailable;
    private final StaticReader statics;

    private JdkInternals() {
        VarHandle classes = null, locals = null, inheritable = null, table = null, value = null, target = null,
                hooks = null;
        String why = null;
        try {
            var ownLookup = MethodHandles.lookup();
            var lang = MethodHandles.privateLookupIn(Thread.class, ownLookup);
            Class<?> map = Class.forName("java.lang.ThreadLocal$ThreadLocalMap");
            Class<?> entry = Class.forName("java.lang.ThreadLocal$ThreadLocalMap$Entry");
            classes = MethodHandles.privateLookupIn(ClassLoader.class, ownLookup)
                    .findVarHandle(ClassLoader.class, "classes", ArrayList.class);
            locals = lang.findVarHandle(Thread.class, "threadLocals", map);
            inheritable = lang.findVarHandle(Thread.class, "inheritableThreadLocals", map);
            target = lang.findVarHandle(Thread.class, "target", Runnable.class);
            table = MethodHandles.privateLookupIn(map, ownLookup).findVarHandle(map, "table", entry.arrayType());
            value = MethodHandles.privateLookupIn(entry, ownLookup).findVarHandle(entry, "value", Object.class);
            // Not initialized here: its initializer registers with the JVM's shutdown, which fails once that began.
            Class<?> shutdown = Class.forName("java.lang.ApplicationShutdownHooks", false, null);
            hooks = MethodHandles.privateLookupIn(shutdown, ownLookup)
                    .findStaticVarHandle(shutdown, "hooks", java.util.IdentityHashMap.class);
        } catch (IllegalAccessException | InaccessibleObjectException e) {
            why = "java.lang is not open to the container (start java with " + OPEN_JAVA_LANG + ")";
        } catch (ReflectiveOperationException | RuntimeException e) {
            why = "this JDK's internals differ from Java 17's (" + e + ")";
        }
        this.loaderClasses = classes;
        this.threadLocals = locals;
        this.inheritableThreadLocals = inheritable;
        this.mapTable = table;
        this.entryValue = value;
        this.threadTarget = target;
        this.shutdownHooks = hooks;
        this.unavailable = why;
        this.statics = StaticReader.find();
    }

    static JdkInternals get() {
        return INSTANCE;
    }

    /** Why ThreadLocals, class lists and shutdown hooks cannot be looked at, if they cannot. */
    Optional<String> unavailable() {
        return Optional.ofNullable(unavailable);
    }

    /** Why static fields cannot be read without initializing their class, if they cannot. */
    Optional<String> staticsUnavailable() {
        return unavailable != null ? Optional.of(unavailable) : statics.unavailable();
    }

    /** The classes the loader defined (hidden classes aside), as of now. */
    List<Class<?>> classesOf(ClassLoader loader) {
        @SuppressWarnings("unchecked")
        var classes = (ArrayList<Class<?>>) loaderClasses.get(loader);
        synchronized (classes) { // ClassLoader.addClass adds under this lock
            return new ArrayList<>(classes);
        }
    }

    /** The values and keys of a thread's ThreadLocals, inheritable ones included; keys may be null (stale). */
    List<Map.Entry<Object, Object>> threadLocalsOf(Thread thread) {
        var entries = new ArrayList<Map.Entry<Object, Object>>();
        for (VarHandle field : new VarHandle[] {threadLocals, inheritableThreadLocals}) {
            Object map = field.get(thread);
            if (map == null) {
                continue;
            }
            // Read without the owner's cooperation: a racing resize may hide an entry, never break the loop.
            for (Object entry : (Object[]) mapTable.get(map)) {
                if (entry != null) {
                    entries.add(new java.util.AbstractMap.SimpleImmutableEntry<>(((Reference<?>) entry).get(),
                            entryValue.get(entry)));
                }
            }
        }
        return entries;
    }

    /** The Runnable a thread was made with, if any. */
    Object targetOf(Thread thread) {
        return threadTarget.get(thread);
    }

    /** The threads registered with {@code Runtime.addShutdownHook}. */
    List<Thread> shutdownHooks() {
        java.util.IdentityHashMap<?, ?> hooks;
        try {
            hooks = (java.util.IdentityHashMap<?, ?>) shutdownHooks.get();
        } catch (LinkageError e) {
            return List.of(); // first used while the JVM shuts down: no hook can be registered any more
        }
        if (hooks == null) {
            return List.of(); // the JVM is shutting down
        }
        synchronized (hooks.getClass()) { // ApplicationShutdownHooks synchronizes on its class
            var threads = new ArrayList<Thread>();
            hooks.keySet().forEach(hook -> threads.add((Thread) hook));
            return threads;
        }
    }

    /** A static field's value as it is now: null, without initializing the class, if it was never initialized. */
    Object staticValue(Field field) throws Throwable {
        return statics.read(field);
    }

    /**
     * Reads static fields raw, through {@code sun.misc.Unsafe} (in {@code jdk.unsupported}, open to everyone):
     * reflection would run the static initializer of every class not yet initialized, plugin code included.
     */
    private record StaticReader(Object unsafe, MethodHandle base, MethodHandle offset, MethodHandle read,
            String why) {

        static StaticReader find() {
            try {
                Class<?> type = Class.forName("sun.misc.Unsafe", false, ClassLoader.getSystemClassLoader());
                Field instance = type.getDeclaredField("theUnsafe");
                instance.setAccessible(true);
                var lookup = MethodHandles.publicLookup();
                return new StaticReader(instance.get(null),
                        lookup.findVirtual(type, "staticFieldBase", MethodType.methodType(Object.class, Field.class)),
                        lookup.findVirtual(type, "staticFieldOffset", MethodType.methodType(long.class, Field.class)),
                        lookup.findVirtual(type, "getObjectVolatile",
                                MethodType.methodType(Object.class, Object.class, long.class)), null);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return new StaticReader(null, null, null, null,
                        "static fields cannot be read without running static initializers here (" + e + ")");
            }
        }

        Optional<String> unavailable() {
            return Optional.ofNullable(why);
        }

        Object read(Field field) throws Throwable {
            Object holder = base.invoke(unsafe, field);
            long at = (long) offset.invoke(unsafe, field);
            return read.invoke(unsafe, holder, at);
        }
    }
}
