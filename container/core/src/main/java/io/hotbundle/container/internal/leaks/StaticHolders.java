package io.hotbundle.container.internal.leaks;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds static fields that keep a retired version in memory: a registry of listeners in a library bundle, a
 * cache in the host, a system property. Looks at every static field of every class that the other bundles' class
 * loaders and the application class loader defined, and into their values two levels deep ({@link Reach}); of the
 * JDK's own classes, which cannot be listed, at the registries plugins are known to fill: the system properties and
 * the shutdown hooks.
 */
final class StaticHolders {

    /** Enough for a few thousand classes; past it the scan stops and says so. */
    private static final long TIME_BUDGET_NANOS = 5_000_000_000L;
    private static final int DEPTH = 2;
    static final int MOST_FOUND = 3;

    private final JdkInternals jdk;
    private final Reach reach;
    private final List<String> found = new ArrayList<>();
    private boolean outOfTime;

    StaticHolders(JdkInternals jdk, ClassLoader retired) {
        this.jdk = jdk;
        this.reach = new Reach(retired);
    }

    /** The holders found, at most {@link #MOST_FOUND}; the loaders are the other bundles' and the application's. */
    List<String> find(Collection<ClassLoader> loaders) {
        jdkRegistries();
        if (jdk.staticsUnavailable().isPresent()) {
            return found;
        }
        long deadline = System.nanoTime() + TIME_BUDGET_NANOS;
        for (ClassLoader loader : loaders) {
            for (Class<?> type : jdk.classesOf(loader)) {
                if (found.size() >= MOST_FOUND) {
                    return found;
                }
                if (System.nanoTime() > deadline) {
                    outOfTime = true;
                    return found;
                }
                scan(type);
            }
        }
        return found;
    }

    /** Whether the scan stopped before it looked at every class. */
    boolean outOfTime() {
        return outOfTime;
    }

    private void scan(Class<?> type) {
        Field[] fields;
        try {
            fields = type.getDeclaredFields();
        } catch (LinkageError | RuntimeException e) {
            return; // a field's type cannot be loaded: the class cannot be used either
        }
        for (Field field : fields) {
            if (!Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
                continue;
            }
            Object value;
            try {
                value = jdk.staticValue(field);
            } catch (Throwable e) {
                continue;
            }
            reach.find(value, DEPTH).ifPresent(what -> found.add("static field " + type.getName() + "."
                    + field.getName() + " (holding " + what + ")"));
            if (found.size() >= MOST_FOUND) {
                return;
            }
        }
    }

    private void jdkRegistries() {
        // Public API: readable even when java.lang is not open.
        for (Map.Entry<Object, Object> property : System.getProperties().entrySet()) {
            Optional<String> what = reach.find(property.getValue(), DEPTH).or(() -> reach.find(property.getKey(), 0));
            what.ifPresent(w -> found.add("the system property '" + property.getKey() + "' (" + w + ")"));
        }
        if (jdk.unavailable().isPresent()) {
            return;
        }
        for (Thread hook : jdk.shutdownHooks()) {
            Optional<String> what = reach.find(hook, 0).or(() -> reach.find(jdk.targetOf(hook), 1));
            what.ifPresent(w -> found.add("the shutdown hook '" + hook.getName() + "' (" + w
                    + "), registered with Runtime.addShutdownHook"));
        }
    }
}
