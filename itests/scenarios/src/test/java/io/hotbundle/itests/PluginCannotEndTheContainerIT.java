package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Bundle;

import io.hotbundle.api.ReloadEvent;
import io.hotbundle.api.ReloadEvent.Outcome;

/**
 * A plugin that calls {@code System.exit} or {@code Runtime.halt} in its activation does not end the container:
 * the call throws, the activation fails like any other, the swap rolls back and the previous version serves, as
 * does every other plugin, and the container logs who tried. (As a real process, with SIGTERM and a restart:
 * PluginExitProcessIT.)
 */
public class PluginCannotEndTheContainerIT extends ContainerTestSupport {

    private static final String EXITER = "io.hotbundle.fixture.exiter";

    /** What the framework's log prints here (the container's logger writes to standard output in Pax Exam). */
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private PrintStream standardOutput;

    @Before
    public void recordStandardOutput() {
        standardOutput = System.out;
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                standardOutput.write(b);
                synchronized (printed) {
                    printed.write(b);
                }
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                standardOutput.write(bytes, offset, length);
                synchronized (printed) {
                    printed.write(bytes, offset, length);
                }
            }
        }, true, StandardCharsets.UTF_8));
    }

    @After
    public void restoreStandardOutput() {
        System.setOut(standardOutput);
    }

    @Test
    public void aSwapToAVersionThatCallsSystemExitRollsBackAndTheOldVersionKeepsServing() throws Exception {
        ReloadEvent event = swapToABuildThat("system-exit");

        assertEquals(Outcome.ROLLED_BACK, event.outcome());
        String failure = event.failure().orElseThrow();
        String refusal = EXITER + " 1.0.1 called System.exit(0) in io.hotbundle.fixture.exiter.Exiter: refused, a plugin "
                + "cannot end the container";
        assertTrue(failure, failure.contains("java.lang.SecurityException: " + refusal));
        assertLogged(refusal);
        assertStillServing();
    }

    @Test
    public void aSwapToAVersionThatHaltsTheRuntimeRollsBackAndTheOldVersionKeepsServing() throws Exception {
        ReloadEvent event = swapToABuildThat("runtime-halt");

        assertEquals(Outcome.ROLLED_BACK, event.outcome());
        String failure = event.failure().orElseThrow();
        String refusal = EXITER + " 1.0.1 called Runtime.halt(0) in io.hotbundle.fixture.exiter.Exiter: refused, a "
                + "plugin cannot end the container";
        assertTrue(failure, failure.contains(refusal));
        assertLogged(refusal);
        assertStillServing();
    }

    /** Deploys the exiter's well-behaved 1.0.0 beside the greeter, then swaps it for a 1.0.1 that tries to exit. */
    private ReloadEvent swapToABuildThat(String behaviour) throws Exception {
        TestJars.drop(fixture(), deploy, "greeter.jar");
        awaitServing(FIXTURE, 1);
        TestJars.drop(exiter(), deploy, "exiter.jar");
        awaitServing(EXITER, 1);
        assertEquals("exiter 1.0.0", greetingFrom(EXITER));

        var swapped = reloads.nextReload(EXITER);
        TestJars.drop(TestJars.withHeaders(exiter(), Map.of("Bundle-Version", "1.0.1", "Fixture-Behaviour", behaviour)),
                deploy, "exiter.jar");
        return swapped.get(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A line of the container's logger (not the framework's report of the failed activation) says it. */
    private void assertLogged(String message) {
        String output;
        synchronized (printed) {
            output = printed.toString(StandardCharsets.UTF_8);
        }
        assertTrue(output, output.lines().anyMatch(line -> line.contains("[hotbundle] ERROR") && line.endsWith(message)));
    }

    private void assertStillServing() {
        assertEquals("the framework runs", Bundle.ACTIVE, context.getBundle(0).getState());
        assertEquals("the previous version serves", "exiter 1.0.0", greetingFrom(EXITER));
        assertEquals("the other plugin serves", "Hello, world (1.0.0)", greetingFrom(FIXTURE));
    }

    static Path exiter() {
        return TestJars.reactorJar("hotbundle.fixture.exiter");
    }
}
