package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.Test;

import io.hotbundle.api.ReloadEvent;
import io.hotbundle.api.ReloadEvent.Outcome;
import io.hotbundle.api.ReloadHold;
import io.hotbundle.api.ReloadListener;

/** A hold delays a swap, the old version serving meanwhile; a hold past the timeout delays it no longer. */
public class ReloadHoldIT extends ContainerTestSupport {

    @Test
    public void aHoldFromAHostThreadDelaysTheSwapAndTheOldVersionServesUntilItIsClosed() throws Exception {
        TestJars.drop(fixture(), deploy, "greeter.jar");
        awaitServing(FIXTURE, 1);
        CompletableFuture<ReloadHold> held = CompletableFuture.supplyAsync(() -> {
            try {
                return reloads.awaitAboutToReload(FIXTURE, Await.DEFAULT).orElseThrow();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        // The drop must come after the host thread has started waiting, or it could miss the announcement.
        Await.until("the host thread to wait for about-to-reload", () -> !held.isDone() && threadWaiting());

        TestJars.drop(TestJars.withVersion(fixture(), "1.0.1"), deploy, "greeter.jar");
        ReloadHold hold = held.get(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals("1.0.1", hold.event().toVersion());

        // While held, the swap does not finish and 1.0.0 serves.
        var finished = reloads.nextReload(FIXTURE);
        assertTrue(reloads.awaitReload(FIXTURE, Duration.ofMillis(500)).isEmpty());
        assertEquals("Hello, world (1.0.0)", greetingFrom(FIXTURE));

        hold.close();
        assertEquals(Outcome.RELOADED, finished.get(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS).outcome());
        assertEquals("Hello, world (1.0.1)", greetingFrom(FIXTURE));
    }

    @Test
    public void aHoldThatOverrunsTheHoldTimeoutNoLongerDelaysTheSwap() throws Exception {
        configureDeployer("hold.timeout.ms", 300L);
        TestJars.drop(fixture(), deploy, "greeter.jar");
        awaitServing(FIXTURE, 1);
        var forgotten = new AtomicReference<ReloadHold>();
        context.registerService(ReloadListener.class,
                new RecordingListener((event, holds) -> forgotten.set(holds.hold("a listener that never closes"))),
                null);

        TestJars.drop(TestJars.withVersion(fixture(), "1.0.1"), deploy, "greeter.jar");

        ReloadEvent event = reloads.awaitReload(FIXTURE, Await.DEFAULT).orElseThrow();
        assertEquals(Outcome.RELOADED, event.outcome());
        assertTrue("the hold was taken", forgotten.get() != null);
        assertEquals(java.util.List.of("a listener that never closes"), event.holdsOverran());
        assertEquals("Hello, world (1.0.1)", greetingFrom(FIXTURE));
    }

    private static boolean threadWaiting() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getState() == Thread.State.TIMED_WAITING
                && java.util.Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getMethodName().equals("awaitAboutToReload")));
    }
}
