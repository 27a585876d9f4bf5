package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.Test;

import io.hotbundle.api.ReloadEvent;
import io.hotbundle.api.ReloadEvent.Outcome;
import io.hotbundle.api.ReloadListener;

/** Reload listeners hear about-to-reload while the old version serves, then reloaded, in order. */
public class ReloadListenerIT extends ContainerTestSupport {

    @Test
    public void listenersHearAboutToReloadWhileTheOldVersionServesThenReloadedWithTheNewGeneration()
            throws Exception {
        TestJars.drop(fixture(), deploy, "greeter.jar");
        awaitServing(FIXTURE, 1);
        var servedDuringAnnouncement = new AtomicReference<String>();
        var listener = new RecordingListener((event, holds) -> servedDuringAnnouncement.set(greetingFrom(FIXTURE)));
        context.registerService(ReloadListener.class, listener, null);

        TestJars.drop(TestJars.withVersion(fixture(), "1.0.1"), deploy, "greeter.jar");

        ReloadEvent about = listener.next();
        assertEquals(Outcome.ABOUT_TO_RELOAD, about.outcome());
        assertEquals("1.0.0", about.fromVersion());
        assertEquals("1.0.1", about.toVersion());
        assertEquals(2, about.generation());
        assertEquals("Hello, world (1.0.0)", servedDuringAnnouncement.get());

        ReloadEvent reloaded = listener.next();
        assertEquals(Outcome.RELOADED, reloaded.outcome());
        assertEquals(2, reloaded.generation());
        assertTrue(reloaded.duration().toNanos() > 0);
        assertEquals(about.started(), reloaded.started());
        assertEquals("Hello, world (1.0.1)", greetingFrom(FIXTURE));
        assertEquals(2, reloads.generation(FIXTURE));
        assertTrue(reloads.changedSince(FIXTURE, 1));
        assertFalse(reloads.changedSince(FIXTURE, 2));
        assertEquals(java.util.List.of(reloaded), reloads.history(FIXTURE));
    }

    @Test
    public void aListenerThatThrowsKeepsNoOtherListenerFromHearingNorTheSwapFromHappening() throws Exception {
        TestJars.drop(fixture(), deploy, "greeter.jar");
        awaitServing(FIXTURE, 1);
        context.registerService(ReloadListener.class, new ReloadListener() {
            @Override
            public void aboutToReload(ReloadEvent event, io.hotbundle.api.ReloadHolds holds) {
                throw new IllegalStateException("a listener that always throws");
            }

            @Override
            public void reloaded(ReloadEvent event) {
                throw new IllegalStateException("a listener that always throws");
            }
        }, null);
        var listener = new RecordingListener();
        context.registerService(ReloadListener.class, listener, null);

        TestJars.drop(TestJars.withVersion(fixture(), "1.0.1"), deploy, "greeter.jar");

        assertEquals(Outcome.ABOUT_TO_RELOAD, listener.next().outcome());
        assertEquals(Outcome.RELOADED, listener.next().outcome());
        awaitGreeting(FIXTURE, "Hello, world (1.0.1)");
    }

    @Test
    public void aFutureOfTheNextReloadCompletesWithItsEvent() throws Exception {
        TestJars.drop(fixture(), deploy, "greeter.jar");
        awaitServing(FIXTURE, 1);
        var next = reloads.nextReload(FIXTURE);
        assertFalse(next.isDone());

        TestJars.drop(TestJars.withVersion(fixture(), "1.0.1"), deploy, "greeter.jar");

        ReloadEvent event = next.get(Await.DEFAULT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        assertEquals(Outcome.RELOADED, event.outcome());
        assertEquals("1.0.1", event.toVersion());
    }
}
