package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

import io.hotbundle.api.PluginStatus;

/** A paused plugin keeps serving while its file changes; resumed, it swaps to the newest file. */
public class PauseResumeIT extends ContainerTestSupport {

    @Test
    public void changesWaitWhilePausedAndTheNewestAppliesOnResume() throws Exception {
        TestJars.drop(fixture(), deploy, "greeter.jar");
        awaitServing(FIXTURE, 1);

        reloads.pause(FIXTURE);
        assertTrue(reloads.isPaused(FIXTURE));
        Await.until("the registry to show the pause", () -> plugin(FIXTURE).orElseThrow().status() == PluginStatus.PAUSED);
        int mark = logMark();
        TestJars.drop(TestJars.withVersion(fixture(), "1.0.1"), deploy, "greeter.jar");
        TestJars.drop(TestJars.withVersion(fixture(), "1.0.2"), deploy, "greeter.jar");
        String verdict = awaitVerdict("greeter.jar", mark);
        assertTrue(verdict, verdict.endsWith(" is paused: greeter.jar waits for resume"));
        assertEquals("Hello, world (1.0.0)", greetingFrom(FIXTURE));
        assertTrue(reloads.history(FIXTURE).isEmpty());

        reloads.resume(FIXTURE);
        assertFalse(reloads.isPaused(FIXTURE));
        awaitGreeting(FIXTURE, "Hello, world (1.0.2)");
        assertEquals("1.0.2", awaitServing(FIXTURE, 2).version());
        assertEquals(1, reloads.history(FIXTURE).size());
    }

    @Test
    public void pauseAllHoldsEveryPluginIncludingOnesDeployedLater() throws Exception {
        TestJars.drop(fixture(), deploy, "greeter.jar");
        awaitServing(FIXTURE, 1);

        reloads.pauseAll();
        int mark = logMark();
        TestJars.drop(TestJars.withVersion(fixture(), "1.0.1"), deploy, "greeter.jar");
        String verdict = awaitVerdict("greeter.jar", mark);
        assertTrue(verdict, verdict.endsWith(" is paused: greeter.jar waits for resume"));
        assertEquals("Hello, world (1.0.0)", greetingFrom(FIXTURE));
        String later = "io.hotbundle.fixture.later";
        TestJars.drop(TestJars.withHeaders(fixture(), java.util.Map.of("Bundle-SymbolicName", later)), deploy, "later.jar");
        Await.until("the plugin deployed later, listed as paused",
                () -> plugin(later).map(p -> p.status() == PluginStatus.PAUSED).orElse(false));
        assertTrue(reloads.isPaused(later));

        reloads.resumeAll();
        awaitGreeting(FIXTURE, "Hello, world (1.0.1)");
    }
}
