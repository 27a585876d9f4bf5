package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

import io.hotbundle.api.PluginControl;
import io.hotbundle.api.RetiredVersion;

/**
 * A version that something outside the plugin keeps in memory after its swap is reported with a hint: here a
 * registry outside the plugin and a ThreadLocal on a caller's pooled thread. (A thread the plugin never stops is
 * in HotCommandsIT.)
 */
public class LeakReportIT extends ContainerTestSupport {

    private static final String REGISTRY_PROPERTY = "hotbundle.fixture.registry";

    @Test
    public void aVersionKeptInAStaticRegistryOutsideThePluginIsReported() throws Exception {
        try {
            TestJars.drop(TestJars.withHeaders(fixture(), Map.of("Fixture-Behaviour", "leak-static")), deploy,
                    "greeter.jar");
            awaitServing(FIXTURE, 1);
            swapToAWellBehavedVersion();

            RetiredVersion leak = awaitLeak();
            assertEquals("1.0.0", leak.version());
            assertTrue(leak.holder(), leak.holder().contains("a static registry (listeners, caches) in another bundle"));
            assertTrue(leak.holder(), leak.holder().contains("shows the path to io.hotbundle.fixture.greeter."));
        } finally {
            System.getProperties().remove(REGISTRY_PROPERTY);
        }
    }

    @Test
    public void aVersionKeptInAThreadLocalOfAPooledCallerIsReported() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "host-pool"));
        try {
            TestJars.drop(TestJars.withHeaders(fixture(), Map.of("Fixture-Behaviour", "leak-threadlocal")), deploy,
                    "greeter.jar");
            awaitServing(FIXTURE, 1);
            assertEquals("Hello, world (1.0.0)", pool.submit(() -> greetingFrom(FIXTURE)).get(10, TimeUnit.SECONDS));
            swapToAWellBehavedVersion();

            RetiredVersion leak = awaitLeak();
            assertEquals("1.0.0", leak.version());
            assertTrue(leak.holder(), leak.holder().contains("a ThreadLocal on a pooled thread"));
        } finally {
            pool.shutdownNow();
        }
    }

    private void swapToAWellBehavedVersion() throws Exception {
        TestJars.drop(TestJars.withVersion(fixture(), "1.0.1"), deploy, "greeter.jar");
        awaitServing(FIXTURE, 2);
    }

    private RetiredVersion awaitLeak() {
        PluginControl control = context.getService(context.getServiceReference(PluginControl.class));
        return Await.value("the leak to be reported", () -> {
            List<RetiredVersion> leaks = control.leaks();
            return leaks.stream().filter(l -> l.symbolicName().equals(FIXTURE)).findFirst().orElse(null);
        });
    }
}
