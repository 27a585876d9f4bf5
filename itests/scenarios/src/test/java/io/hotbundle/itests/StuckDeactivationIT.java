package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.Test;

import io.hotbundle.api.PluginControl;
import io.hotbundle.api.PluginStatus;
import io.hotbundle.api.ReloadEvent;
import io.hotbundle.api.ReloadEvent.Outcome;

/**
 * Issue 11, case 2: a plugin whose deactivation never returns (and ignores interrupts) costs one bounded wait per
 * operation, on every path after the first failure: another build dropped over it, its file deleted, an
 * operator's reload of an unrelated plugin, and plugins dropped later all finish within bounds.
 */
public class StuckDeactivationIT extends StuckPluginSupport {

    private static final String COUNTER = "io.hotbundle.fixture.counter";
    private static final long DEACTIVATION_TIMEOUT_MS = 1000;
    /** What an operation may take beyond the deactivation timeout: the stuck thread's grace, a fresh install, a start. */
    private static final Duration BOUND = Duration.ofMillis(DEACTIVATION_TIMEOUT_MS + 5000);

    @Inject
    PluginControl control;

    @Test
    public void afterOneBoundedFailureEveryOperationOnAndAroundThePluginFinishesWithinBounds() throws Exception {
        configureDeployer("deactivation.timeout.ms", DEACTIVATION_TIMEOUT_MS);
        TestJars.drop(counter(1), deploy, "counter.jar");
        TestJars.drop(hangingInDeactivation("1.0.0"), deploy, "greeter.jar");
        awaitServing(COUNTER, 1);
        awaitServing(FIXTURE, 1);

        // The first bounded wait: the hanging version is left behind, the next build (hanging too) serves fresh.
        ReloadEvent first = swapWithin(hangingInDeactivation("1.0.1"));
        assertEquals(first.toString(), Outcome.RELOADED, first.outcome());
        awaitGreeting(FIXTURE, "Hello, world (1.0.1)");

        // Yet another build: the fresh bundle hangs in its deactivation too, and costs one more bounded wait.
        ReloadEvent second = swapWithin(TestJars.withVersion(fixture(), "1.0.2"));
        assertEquals(second.toString(), Outcome.RELOADED, second.outcome());
        assertEquals(2, control.leftBehind(FIXTURE).size());
        awaitGreeting(FIXTURE, "Hello, world (1.0.2)");

        // An operator's reload of an unrelated plugin.
        long began = System.nanoTime();
        ReloadEvent reloaded = control.reload(COUNTER, BOUND);
        assertEquals(reloaded.toString(), Outcome.RELOADED, reloaded.outcome());
        assertWithinBound("the reload of " + COUNTER, began);

        // The file deleted: the plugin goes, its stuck bundle left behind.
        began = System.nanoTime();
        Files.delete(deploy.resolve("greeter.jar"));
        Await.until("the plugin to be removed", BOUND, () -> plugin(FIXTURE).isEmpty());
        assertWithinBound("the removal", began);
        assertEquals(null, greetingFrom(FIXTURE));

        // Plugins dropped later are taken.
        String later = "io.hotbundle.fixture.later";
        TestJars.drop(TestJars.withHeaders(fixture(), Map.of("Bundle-SymbolicName", later)), deploy, "later.jar");
        awaitGreeting(later, "Hello, world (1.0.0)");
        assertEquals(PluginStatus.SERVING, awaitServing(later, 1).status());
    }

    /**
     * What an operator does about a version that hangs in its deactivation: drop a fixed build. The old version is
     * what fails, so the swap goes forward: the stuck bundle is left behind and the fix serves.
     */
    @Test
    public void aFixedBuildDroppedOverAVersionThatHangsInItsDeactivationServes() throws Exception {
        configureDeployer("deactivation.timeout.ms", DEACTIVATION_TIMEOUT_MS);
        TestJars.drop(hangingInDeactivation("1.0.0"), deploy, "greeter.jar");
        awaitServing(FIXTURE, 1);

        ReloadEvent fixed = swapWithin(TestJars.withVersion(fixture(), "1.0.1"));

        assertEquals(fixed.toString(), Outcome.RELOADED, fixed.outcome());
        awaitGreeting(FIXTURE, "Hello, world (1.0.1)");
    }

    /** Drops a build over greeter.jar and returns the swap's outcome, which must come within the bound. */
    private ReloadEvent swapWithin(byte[] build) throws Exception {
        var outcome = reloads.nextReload(FIXTURE);
        long began = System.nanoTime();
        TestJars.drop(build, deploy, "greeter.jar");
        ReloadEvent event = outcome.get(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
        assertWithinBound("the swap to " + event.toVersion(), began);
        return event;
    }

    private static void assertWithinBound(String what, long beganNanos) {
        long took = (System.nanoTime() - beganNanos) / 1_000_000;
        assertTrue(what + " took " + took + " ms, more than " + BOUND.toMillis(), took <= BOUND.toMillis());
    }

    private static byte[] hangingInDeactivation(String version) throws Exception {
        return TestJars.withHeaders(fixture(), Map.of("Bundle-Version", version, "Fixture-Behaviour", "hang-deactivation"));
    }
}
