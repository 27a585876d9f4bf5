package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;

import io.hotbundle.api.PluginControl;
import io.hotbundle.api.RetiredVersion;

/**
 * A version that something outside the plugin keeps in memory after its swap is reported with what holds it, and
 * each kind of holder is told apart: a static field of another bundle (named by class and field), a system
 * property, a ThreadLocal of a pooled thread (named by the thread), or, out of the report's reach, unknown with a
 * heap dump to take. Each test fails if the diagnosis is another kind's. (A thread the plugin never stops is in
 * HotCommandsIT.)
 */
public class LeakReportIT extends ContainerTestSupport {

    private static final String REGISTRY_PROPERTY = "hotbundle.fixture.registry";
    private static final String REGISTRANT = "io.hotbundle.fixture.registrant";

    /** The container as always, beside a library bundle with static registries (not a plugin). */
    @Override
    @Configuration
    public Option[] configuration() throws IOException {
        return CoreOptions.options(CoreOptions.composite(super.configuration()),
                reactorBundle("hotbundle.fixture.registry"));
    }

    @Test
    public void aVersionKeptInAStaticFieldOfAnotherBundleIsReportedWithClassAndField() throws Exception {
        deployAndSwap(registrant(), REGISTRANT, "leak-registry");

        String holder = awaitLeak(REGISTRANT).holder();

        assertTrue(holder, holder.startsWith("held by static field io.hotbundle.fixture.registry.Registry.LISTENERS "
                + "(holding a io.hotbundle.fixture.registrant.Registrant): take it out again in @Deactivate"));
        assertNotAnotherKind(holder, "static field");
    }

    @Test
    public void aVersionKeptInASystemPropertyIsReportedWithItsKey() throws Exception {
        try {
            deployAndSwap(fixture(), FIXTURE, "leak-static");

            String holder = awaitLeak(FIXTURE).holder();

            assertTrue(holder, holder.startsWith("held by the system property '" + REGISTRY_PROPERTY + "' "
                    + "(a io.hotbundle.fixture.greeter.VersionedGreeter)"));
            assertNotAnotherKind(holder, "the system property");
        } finally {
            System.getProperties().remove(REGISTRY_PROPERTY);
        }
    }

    @Test
    public void aVersionKeptInAThreadLocalOfAPooledCallerIsReportedWithTheThread() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "host-pool"));
        try {
            TestJars.drop(TestJars.withHeaders(fixture(), Map.of("Fixture-Behaviour", "leak-threadlocal")), deploy,
                    "greeter.jar");
            awaitServing(FIXTURE, 1);
            assertEquals("Hello, world (1.0.0)", pool.submit(() -> greetingFrom(FIXTURE)).get(10, TimeUnit.SECONDS));
            TestJars.drop(TestJars.withVersion(fixture(), "1.0.1"), deploy, "greeter.jar");
            awaitServing(FIXTURE, 2);

            String holder = awaitLeak(FIXTURE).holder();

            assertTrue(holder, holder.startsWith("held by a ThreadLocal on thread 'host-pool' "
                    + "(holding a io.hotbundle.fixture.greeter.VersionedGreeter): remove() it"));
            assertNotAnotherKind(holder, "ThreadLocal");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void aVersionKeptOutOfTheReportsReachIsUnknownWithAHeapDumpToTake() throws Exception {
        deployAndSwap(registrant(), REGISTRANT, "leak-deep");

        String holder = awaitLeak(REGISTRANT).holder();

        assertTrue(holder, holder.matches("unknown: take a heap dump \\(jcmd \\d+ GC.heap_dump \\S+\\) and follow the "
                + "path to io\\.hotbundle\\.fixture\\.registrant\\.Registrant"));
        assertNotAnotherKind(holder, "unknown");
    }

    /** Deploys 1.0.0 built to leak as {@code behaviour} says, and swaps it for a well-behaved 1.0.1. */
    private void deployAndSwap(Path jar, String plugin, String behaviour) throws Exception {
        TestJars.drop(TestJars.withHeaders(jar, Map.of("Fixture-Behaviour", behaviour)), deploy, plugin + ".jar");
        awaitServing(plugin, 1);
        TestJars.drop(TestJars.withVersion(jar, "1.0.1"), deploy, plugin + ".jar");
        awaitServing(plugin, 2);
    }

    private RetiredVersion awaitLeak(String plugin) {
        PluginControl control = context.getService(context.getServiceReference(PluginControl.class));
        RetiredVersion leak = Await.value("the leak of " + plugin + " to be reported", () -> {
            List<RetiredVersion> leaks = control.leaks();
            return leaks.stream().filter(l -> l.symbolicName().equals(plugin)).findFirst().orElse(null);
        });
        assertEquals("1.0.0", leak.version());
        return leak;
    }

    /** The diagnosis names one kind of holder, {@code kind}, and none of the others. */
    private static void assertNotAnotherKind(String holder, String kind) {
        for (String other : List.of("held by thread '", "ThreadLocal", "static field", "the system property",
                "shutdown hook", "unknown")) {
            if (!kind.contains(other) && !other.contains(kind)) {
                assertFalse(other + " in: " + holder, holder.contains(other));
            }
        }
    }

    private static Path registrant() {
        return TestJars.reactorJar("hotbundle.fixture.registrant");
    }
}
