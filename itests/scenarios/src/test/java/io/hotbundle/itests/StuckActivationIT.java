package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;

import io.hotbundle.api.HotHandle;
import io.hotbundle.api.HotHandles;
import io.hotbundle.api.PluginControl;
import io.hotbundle.api.PluginInfo;
import io.hotbundle.api.PluginStatus;
import io.hotbundle.api.ReloadEvent;
import io.hotbundle.api.ReloadEvent.Outcome;
import io.hotbundle.api.example.Greeter;

/**
 * Issue 11, case 3: a version whose activation never returns and ignores interrupts (a busy loop in its
 * component's constructor, or in a static initializer) is abandoned, not waited for. The swap rolls back within
 * the activation timeout and a bounded margin, the previous version serves again as a fresh bundle, the stuck one
 * is named with its thread and stack, hot handles reach the version that serves, a good build dropped next
 * serves with its services, and other plugins are swapped as usual.
 */
public class StuckActivationIT extends StuckPluginSupport {

    private static final String COUNTER = "io.hotbundle.fixture.counter";
    private static final long ACTIVATION_TIMEOUT_MS = 1000;
    /** What a rollback may take beyond the activation timeout: the stuck thread's grace, a fresh install, a start. */
    private static final long MARGIN_MS = 5000;

    @Inject
    CommandProcessor processor;

    @Inject
    PluginControl control;

    @Inject
    HotHandles handles;

    @Test
    public void aSwapToAnActivationThatSpinsRollsBackInTimeAndEverythingGoesOn() throws Exception {
        stuckSwapAndWhatFollows("spin-activation", "VersionedGreeter.spinUntilReleased");
    }

    @Test
    public void aSwapToAStaticInitializerThatNeverEndsRollsBackInTimeAndEverythingGoesOn() throws Exception {
        stuckSwapAndWhatFollows("spin-static-init", "StuckInitializer.<clinit>");
    }

    @Test
    public void aFirstDeploymentThatSpinsFailsInTimeAndAGoodBuildDroppedNextServes() throws Exception {
        configureDeployer("activation.timeout.ms", ACTIVATION_TIMEOUT_MS);
        try (var log = new LogLines()) {
            TestJars.drop(behaving("1.0.0", "spin-activation"), deploy, "greeter.jar");
            String failed = log.await("does not serve", 0, java.time.Duration.ofMillis(ACTIVATION_TIMEOUT_MS + MARGIN_MS));
            assertTrue(failed, failed.contains("activation did not finish within " + ACTIVATION_TIMEOUT_MS + " ms"));
        }
        PluginInfo failed = Await.value("the plugin listed as failed", () -> plugin(FIXTURE)
                .filter(p -> p.status() == PluginStatus.FAILED).orElse(null));
        assertEquals(1, control.leftBehind(FIXTURE).size());

        TestJars.drop(TestJars.withVersion(fixture(), "1.0.1"), deploy, "greeter.jar");

        awaitGreeting(FIXTURE, "Hello, world (1.0.1)");
        PluginInfo serving = Await.value("1.0.1 serving", () -> plugin(FIXTURE)
                .filter(p -> p.status() == PluginStatus.SERVING && p.version().equals("1.0.1")).orElse(null));
        assertNotEquals("a fresh bundle, not the stuck one", failed.bundleId(), serving.bundleId());
        assertTrue(hotList(), hotList().contains("services Greeter"));
        assertEquals("Hello, world (1.0.1)", callWithin(handles.handle(Greeter.class, FIXTURE)));
    }

    private void stuckSwapAndWhatFollows(String behaviour, String stuckFrame) throws Exception {
        configureDeployer("activation.timeout.ms", ACTIVATION_TIMEOUT_MS);
        TestJars.drop(fixture(), deploy, "greeter.jar");
        TestJars.drop(counter(1), deploy, "counter.jar");
        long stuckBundle = awaitServing(FIXTURE, 1).bundleId();
        awaitServing(COUNTER, 1);
        HotHandle<Greeter> handle = handles.handle(Greeter.class, FIXTURE);
        assertEquals("Hello, world (1.0.0)", callWithin(handle));
        var outcome = reloads.nextReload(FIXTURE);
        long dropped = System.nanoTime();

        TestJars.drop(behaving("1.0.1", behaviour), deploy, "greeter.jar");

        ReloadEvent event = outcome.get(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
        long tookMillis = (System.nanoTime() - dropped) / 1_000_000;
        assertEquals(event.toString(), Outcome.ROLLED_BACK, event.outcome());
        assertTrue("rolled back " + tookMillis + " ms after the drop", tookMillis < ACTIVATION_TIMEOUT_MS + MARGIN_MS);
        assertTrue(event.failure().orElseThrow(), event.failure().orElseThrow()
                .contains("did not finish within " + ACTIVATION_TIMEOUT_MS + " ms"));

        // The previous version serves again, as a fresh bundle; the stuck one is named, with its thread and stack.
        PluginInfo info = plugin(FIXTURE).orElseThrow();
        assertEquals(PluginStatus.ROLLED_BACK, info.status());
        assertEquals("1.0.0", info.version());
        assertNotEquals("a fresh bundle, not the stuck one", stuckBundle, info.bundleId());
        assertEquals("Hello, world (1.0.0)", greetingFrom(FIXTURE));
        assertEquals("Hello, world (1.0.0)", callWithin(handle));
        List<String> leftBehind = control.leftBehind(FIXTURE);
        assertEquals(leftBehind.toString(), 1, leftBehind.size());
        assertTrue(leftBehind.get(0), leftBehind.get(0).startsWith("bundle " + stuckBundle + " (1.0.1), thread '"));
        assertTrue(leftBehind.get(0), leftBehind.get(0).contains("stuck in its activation"));
        assertTrue(leftBehind.get(0), leftBehind.get(0).contains(stuckFrame));
        String hotInfo = Commands.run(processor, "hot:info greeter");
        assertTrue(hotInfo, hotInfo.contains("left behind"));
        assertTrue(hotInfo, hotInfo.contains(stuckFrame));

        // The deployer goes on: a good build serves with its services, another plugin swaps on demand.
        TestJars.drop(TestJars.withVersion(fixture(), "1.0.2"), deploy, "greeter.jar");
        awaitGreeting(FIXTURE, "Hello, world (1.0.2)");
        assertEquals("1.0.2", awaitServing(FIXTURE, 2).version());
        assertTrue(hotList(), hotList().lines().anyMatch(l -> l.contains("deploy/greeter.jar")
                && l.contains("services Greeter")));
        assertEquals("Hello, world (1.0.2)", callWithin(handle));
        ReloadEvent reloaded = control.reload(COUNTER, Await.DEFAULT);
        assertEquals(reloaded.toString(), Outcome.RELOADED, reloaded.outcome());
    }

    private String hotList() throws Exception {
        return Commands.run(processor, "hot:list");
    }

    /** A call through the handle, which must answer within the bound: a call that reached the stuck bundle never would. */
    private static String callWithin(HotHandle<Greeter> handle) throws Exception {
        return CompletableFuture.supplyAsync(() -> handle.call(g -> g.greet("world")))
                .get(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static byte[] behaving(String version, String behaviour) throws Exception {
        return TestJars.withHeaders(fixture(), Map.of("Bundle-Version", version, "Fixture-Behaviour", behaviour));
    }
}
