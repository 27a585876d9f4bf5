package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

import io.hotbundle.api.ReloadEvent;
import io.hotbundle.api.ReloadEvent.Outcome;

/**
 * Issue 11, case 7: state is never lost by a rollback. When the old version's stop fails after its
 * {@code @Deactivate} saved state (it then hangs past the timeout, or its activator's stop throws), the version
 * that serves next starts from that saved state, not from nothing and not from an older one.
 */
public class StateThroughAFailedStopIT extends StuckPluginSupport {

    private static final String COUNTER = "io.hotbundle.fixture.counter";

    @Test
    public void aStopThatTimesOutAfterSavingHandsTheSavedStateToTheVersionThatServesNext() throws Exception {
        configureDeployer("deactivation.timeout.ms", 1000L);

        ReloadEvent event = countThreeThenSwapFrom(Map.of("Fixture-Behaviour", "save-then-hang"));

        // The old version is what failed: the swap goes on without it, and the new one has its saved state.
        assertEquals(event.toString(), Outcome.RELOADED, event.outcome());
        assertServesNextWithTheSavedState(event);
    }

    @Test
    public void aStopThatThrowsAfterSavingHandsTheSavedStateToTheVersionThatServesNext() throws Exception {
        ReloadEvent event = countThreeThenSwapFrom(Map.of("Bundle-Activator", "io.hotbundle.fixture.counter.StopFails"));

        assertServesNextWithTheSavedState(event);
    }

    /**
     * Deploys the counter 1.0.0 with the given headers, counts to 3 (its state, once saved: count 3, activation
     * 1), then drops a plain 1.0.1 over it and returns the swap's outcome.
     */
    private ReloadEvent countThreeThenSwapFrom(Map<String, String> headers) throws Exception {
        TestJars.drop(TestJars.withHeaders(counter(1), headers), deploy, "counter.jar");
        awaitServing(COUNTER, 1);
        for (int call = 1; call <= 3; call++) {
            assertEquals("v1 count=" + call + " activations=1", greetingFrom(COUNTER));
        }
        var outcome = reloads.nextReload(COUNTER);

        TestJars.drop(TestJars.withVersion(counter(1), "1.0.1"), deploy, "counter.jar");

        return outcome.get(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whichever version serves now (rolled back or swapped to), it started from count 3: its second activation. */
    private void assertServesNextWithTheSavedState(ReloadEvent event) {
        assertTrue(event.toString(), event.outcome() == Outcome.ROLLED_BACK || event.outcome() == Outcome.RELOADED);
        assertEquals(event.toString(), "v1 count=4 activations=2", greetingFrom(COUNTER));
    }
}
