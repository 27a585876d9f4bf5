package io.hotbundle.container.internal.weaving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.hotbundle.container.internal.weaving.samples.Exits;
import io.hotbundle.container.internal.weaving.samples.ExitsInConstructor;
import io.hotbundle.container.internal.weaving.samples.ExitsInDefaultMethod;
import io.hotbundle.container.internal.weaving.samples.ExitsInStaticInitializer;
import io.hotbundle.container.internal.weaving.samples.NoExits;

/**
 * The samples (compiled for Java 17 by this build) are woven and loaded by a class loader of their own, which the
 * JVM verifies as it verifies a bundle's classes, then run: each call that would end the JVM throws instead. A
 * rewrite that failed would end this test's JVM, which fails the build as loudly.
 */
class ExitCallsTest {

    private static final String PLUGIN = "com.acme.plugin 1.0.1";

    private final WovenSamples loader = new WovenSamples();
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getLevel() + " " + record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger("hotbundle").addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger("hotbundle").removeHandler(capture);
    }

    @Test
    void aCallBetweenBranchesAndLoopsThrowsNamingThePluginTheCallAndTheClass() throws Exception {
        String expected = PLUGIN + " called System.exit(3) in " + Exits.class.getName()
                + ": refused, a plugin cannot end the container";

        assertEquals(expected, refusal(() -> call(Exits.class, "inBranches", 3)));
        assertEquals(List.of("SEVERE " + expected), logged);
        assertEquals(100, call(Exits.class, "inBranches", 101), "the paths without an exit run as before");
        assertTrue(refusal(() -> call(Exits.class, "inBranches", 0)).contains(" called Runtime.exit(0) in "));
    }

    @Test
    void codeAfterACaughtRefusalRuns() throws Exception {
        assertTrue(((String) call(Exits.class, "inASwitchThenCaught", "halt")).startsWith("refused: " + PLUGIN
                + " called Runtime.halt(3)"));
        assertTrue(((String) call(Exits.class, "inASwitchThenCaught", "exit")).contains("called Runtime.exit(4)"));
        assertTrue(((String) call(Exits.class, "inASwitchThenCaught", "other")).contains("called System.exit(5)"));
    }

    @Test
    void callsInCatchBlocksFinallyBlocksAndLambdasAreRefused() throws Exception {
        assertTrue(refusal(() -> call(Exits.class, "inACatchAndAFinally", true)).contains("System.exit(6)"));
        call(Exits.class, "inACatchAndAFinally", false);
        assertTrue(refusal(() -> call(Exits.class, "inALambda")).contains("System.exit(7)"));
    }

    @Test
    void methodReferencesAreRefused() throws Exception {
        assertTrue(refusal(() -> call(Exits.class, "throughMethodReferences", 0)).contains("System.exit(8)"));
        assertTrue(refusal(() -> call(Exits.class, "throughMethodReferences", 1)).contains("Runtime.halt(9)"));
        assertTrue(refusal(() -> call(Exits.class, "throughMethodReferences", 2)).contains("Runtime.exit(10)"));
    }

    @Test
    void aStaticInitializerThatExitsFailsToInitializeTheClass() {
        var e = assertThrows(ExceptionInInitializerError.class,
                () -> Class.forName(ExitsInStaticInitializer.class.getName(), true, loader));
        assertTrue(e.getCause() instanceof SecurityException);
        assertTrue(e.getCause().getMessage().contains("System.exit(11) in " + ExitsInStaticInitializer.class.getName()));
    }

    @Test
    void aConstructorThatHaltsThrows() throws Exception {
        var constructor = loader.loadClass(ExitsInConstructor.class.getName()).getConstructor(String.class);
        var e = assertThrows(InvocationTargetException.class, () -> constructor.newInstance("x"));
        assertTrue(e.getCause().getMessage().contains("Runtime.halt(12)"), e.getCause().getMessage());
        assertEquals("", constructor.newInstance("").toString());
    }

    @Test
    void aDefaultMethodOfAnInterfaceIsRefused() throws Exception {
        Object impl = loader.loadClass(ExitsInDefaultMethod.Impl.class.getName()).getConstructor().newInstance();
        Method stop = loader.loadClass(ExitsInDefaultMethod.class.getName()).getMethod("stop", int.class);
        var e = assertThrows(InvocationTargetException.class, () -> stop.invoke(impl, 13));
        assertTrue(e.getCause().getMessage().contains("System.exit(13) in " + ExitsInDefaultMethod.class.getName()));
    }

    @Test
    void aClassThatOnlyMentionsExitAndHaltIsLeftAsItIs() throws Exception {
        assertNull(ExitCalls.refused(WovenSamples.bytes(NoExits.class.getName()), PLUGIN));
        assertEquals("halt 0", call(NoExits.class, "halt"));
    }

    @Test
    void aClassWithoutTheNamesIsNotEvenParsed() throws Exception {
        assertFalse(ExitCalls.mentionsAnExitMethod(WovenSamples.bytes(WovenSamples.class.getName())));
        assertTrue(ExitCalls.mentionsAnExitMethod(WovenSamples.bytes(Exits.class.getName())));
    }

    @Test
    void aClassFileTooNewToReadIsAnError() throws IOException {
        byte[] future = WovenSamples.bytes(Exits.class.getName());
        future[6] = 0;
        future[7] = 100; // major version 100

        assertThrows(IllegalArgumentException.class, () -> ExitCalls.refused(future, PLUGIN));
    }

    private Object call(Class<?> sample, String method, Object... arguments) throws Exception {
        for (Method candidate : loader.loadClass(sample.getName()).getMethods()) {
            if (candidate.getName().equals(method) && candidate.getParameterCount() == arguments.length) {
                try {
                    return candidate.invoke(null, arguments);
                } catch (InvocationTargetException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        }
        throw new NoSuchMethodException(method);
    }

    private interface Call {
        void run() throws Exception;
    }

    /** The message of the SecurityException the call throws. */
    private static String refusal(Call call) {
        return assertThrows(SecurityException.class, call::run).getMessage();
    }

    /** Defines the samples' classes from their class files, woven as the container weaves a plugin's. */
    private static final class WovenSamples extends ClassLoader {

        private static final String SAMPLES = Exits.class.getPackageName() + ".";

        WovenSamples() {
            super("woven-samples", ExitCallsTest.class.getClassLoader());
        }

        static byte[] bytes(String className) throws IOException {
            try (InputStream in = ExitCallsTest.class.getClassLoader()
                    .getResourceAsStream(className.replace('.', '/') + ".class")) {
                return in.readAllBytes();
            }
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(SAMPLES)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded != null) {
                    return loaded;
                }
                try {
                    byte[] original = bytes(name);
                    byte[] woven = ExitCalls.refused(original, PLUGIN);
                    byte[] bytes = woven == null ? original : woven;
                    return defineClass(name, bytes, 0, bytes.length);
                } catch (IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
        }
    }
}
