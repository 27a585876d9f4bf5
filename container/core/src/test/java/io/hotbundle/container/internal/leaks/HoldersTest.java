package io.hotbundle.container.internal.leaks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each kind of holder is told apart from the others, on real threads, ThreadLocals and static fields (this JVM
 * runs with java.lang opened, as the {@code hotbundle} script starts the container).
 */
class HoldersTest {

    private static final String PLUGIN_CLASS = FakePlugin.class.getName();

    /** A registry outside the plugin, as a library bundle or the host may have one. */
    static final class Registry {
        static final List<Object> LISTENERS = new ArrayList<>();
        static final Map<String, List<Object>> BY_TOPIC = new ConcurrentHashMap<>();
        static final Map<String, Map<String, List<Object>>> TOO_DEEP = new ConcurrentHashMap<>();
    }

    /** Loaded and never initialized: the scan must not run its initializer. */
    static final class NeverInitialized {
        static final Object VALUE = initialize();

        private static Object initialize() {
            System.setProperty("hotbundle.test.initialized", "yes");
            return new Object();
        }
    }

    private final RetiredPlugin retired = new RetiredPlugin();
    private final List<ClassLoader> others = List.of(HoldersTest.class.getClassLoader());
    private final ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "host-pool"));

    @AfterEach
    void cleanUp() {
        Registry.LISTENERS.clear();
        Registry.BY_TOPIC.clear();
        Registry.TOO_DEEP.clear();
        System.getProperties().remove("hotbundle.test.registry");
        pool.shutdownNow();
    }

    @Test
    void aLongListOfHoldersIsCutToTheFirstTenAndACount() {
        var many = new java.util.ArrayList<String>();
        for (int i = 0; i < 10_000; i++) {
            many.add("thread 't-" + i + "'");
        }
        String listed = Holders.listed(many);
        assertTrue(listed.startsWith("thread 't-0', thread 't-1'"), listed);
        assertTrue(listed.endsWith("thread 't-9' and 9990 more"), listed);
        assertEquals("thread 'a', thread 'b'", Holders.listed(java.util.List.of("thread 'a'", "thread 'b'")));
    }

    @Test
    void aThreadRunningThePluginsCodeIsNamedWithWhatItRuns() throws Exception {
        Thread leaker = new Thread(retired.newPlugin(), "plugin-leaker");
        leaker.setDaemon(true);
        leaker.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (leaker.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
                Thread.sleep(1); // until it sleeps in the plugin's loop
            }
            String holder = Holders.describe(retired.retiring(), others);

            assertEquals("held by thread 'plugin-leaker' running " + PLUGIN_CLASS + ".run: stop it in @Deactivate",
                    holder);
        } finally {
            leaker.interrupt();
            leaker.join();
        }
    }

    @Test
    void aThreadLocalOfAPooledThreadIsNamedWithItsThread() throws Exception {
        var lastServed = new ThreadLocal<Object>();
        Object plugin = retired.newPlugin();
        pool.submit(() -> lastServed.set(plugin)).get(10, TimeUnit.SECONDS);

        String holder = Holders.describe(retired.retiring(), others);

        assertEquals("held by a ThreadLocal on thread 'host-pool' (holding a " + PLUGIN_CLASS + "): remove() it "
                + "before the thread serves others (a pooled thread outlives the plugin)", holder);
    }

    @Test
    void aThreadLocalWhoseValueIsAListOfThePluginsClassesIsFoundToo() throws Exception {
        var handlers = new ThreadLocal<Object>();
        Class<?> pluginClass = retired.newPlugin().getClass();
        pool.submit(() -> handlers.set(List.of(String.class, pluginClass))).get(10, TimeUnit.SECONDS);

        String holder = Holders.describe(retired.retiring(), others);

        assertTrue(holder.startsWith("held by a ThreadLocal on thread 'host-pool' (holding class " + PLUGIN_CLASS
                + ")"), holder);
    }

    @Test
    void aStaticFieldIsNamedByClassAndField() throws Exception {
        Registry.LISTENERS.add(retired.newPlugin());

        String holder = Holders.describe(retired.retiring(), others);

        assertEquals("held by static field " + Registry.class.getName() + ".LISTENERS (holding a " + PLUGIN_CLASS
                + "): take it out again in @Deactivate", holder);
    }

    @Test
    void aStaticFieldIsFoundTwoLevelsIntoMapsAndLists() throws Exception {
        Registry.BY_TOPIC.put("greetings", List.of("a", retired.newPlugin()));

        String holder = Holders.describe(retired.retiring(), others);

        assertTrue(holder.startsWith("held by static field " + Registry.class.getName() + ".BY_TOPIC (holding a "
                + PLUGIN_CLASS + ")"), holder);
    }

    @Test
    void aSystemPropertyIsNamedByItsKey() throws Exception {
        System.getProperties().put("hotbundle.test.registry", retired.newPlugin());

        String holder = Holders.describe(retired.retiring(), others);

        assertEquals("held by the system property 'hotbundle.test.registry' (a " + PLUGIN_CLASS + "): take it out "
                + "again in @Deactivate", holder);
    }

    @Test
    void aShutdownHookIsNamed() throws Exception {
        Thread hook = new Thread(retired.newPlugin(), "plugin-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            String holder = Holders.describe(retired.retiring(), others);

            assertEquals("held by the shutdown hook 'plugin-cleanup' (a " + PLUGIN_CLASS + "), registered with "
                    + "Runtime.addShutdownHook: take it out again in @Deactivate", holder);
        } finally {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }

    @Test
    void aHolderOutOfReachIsUnknownWithAHeapDumpToTakeAndAClassToFollow() throws Exception {
        Registry.TOO_DEEP.put("a", Map.of("b", List.of(retired.newPlugin())));

        String holder = Holders.describe(retired.retiring(), others);

        assertEquals("unknown: take a heap dump (jcmd " + ProcessHandle.current().pid() + " GC.heap_dump "
                + "/tmp/hotbundle.hprof) and follow the path to " + PLUGIN_CLASS, holder);
    }

    @Test
    void noStaticInitializerRunsWhileStaticFieldsAreRead() throws Exception {
        Class.forName(NeverInitialized.class.getName(), false, HoldersTest.class.getClassLoader());
        Registry.LISTENERS.add(retired.newPlugin());

        Holders.describe(retired.retiring(), others);

        assertFalse(System.getProperties().containsKey("hotbundle.test.initialized"));
    }
}
