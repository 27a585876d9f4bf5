package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.Before;
import org.junit.Test;

/**
 * The container as a real process ({@code ./hotbundle}) with a plugin that calls {@code System.exit(0)} or
 * {@code Runtime.halt(0)} in its activation: the process goes on, says who tried and was refused, stops on SIGTERM
 * with exit status 0, and comes up again with that plugin still in the folder. Not a Pax Exam test.
 */
public class PluginExitProcessIT {

    private Path deploy;
    private Path work;

    @Before
    public void folders() throws IOException {
        Path scratch = Files.createDirectories(Path.of(System.getProperty("hotbundle.scratch", "target/scratch")));
        deploy = Files.createTempDirectory(scratch, "exit-deploy-");
        work = Files.createTempDirectory(scratch, "exit-work-");
    }

    @Test
    public void droppingAPluginThatCallsSystemExitDoesNotEndTheProcessAndSigtermStillStopsWithZero() throws Exception {
        try (LauncherRun run = start()) {
            run.awaitLine("the ready line", LauncherRun.READY);

            dropExiter("system-exit");

            run.awaitLine("the refusal, naming the plugin", refusal("System.exit"));
            TestJars.drop(TestJars.reactorJar("hotbundle.fixture.greeter"), deploy, "greeter.jar");
            run.awaitLine("a plugin dropped after it", Pattern.compile(".*deployed io\\.hotbundle\\.fixture\\.greeter .*"));
            assertTrue("the process runs: " + run.output(), run.isAlive());
            assertEquals("exit status; output: " + run.output(), 0, run.terminate());
            run.awaitLine("the stop line", Pattern.compile("hotbundle stopped"));
        }
    }

    @Test
    public void aRestartWithAPluginThatHaltsStillInTheFolderComesUpAndStopsWithZero() throws Exception {
        dropExiter("runtime-halt");
        try (LauncherRun first = start()) {
            first.awaitLine("the refusal", refusal("Runtime.halt"));
            first.awaitLine("the ready line", LauncherRun.READY);
            assertEquals("exit status; output: " + first.output(), 0, first.terminate());
        }

        try (LauncherRun second = start()) {
            second.awaitLine("the refusal again", refusal("Runtime.halt"));
            second.awaitLine("the ready line after the restart", LauncherRun.READY);
            TestJars.drop(TestJars.reactorJar("hotbundle.fixture.greeter"), deploy, "greeter.jar");
            second.awaitLine("a plugin dropped after it", Pattern.compile(".*deployed io\\.hotbundle\\.fixture\\.greeter .*"));
            assertEquals("exit status; output: " + second.output(), 0, second.terminate());
        }
    }

    private LauncherRun start() throws IOException {
        return LauncherRun.start("--no-console", "--deploy", deploy.toString(), "--work", work.toString());
    }

    private void dropExiter(String behaviour) throws IOException {
        TestJars.drop(TestJars.withHeaders(PluginCannotEndTheContainerIT.exiter(), Map.of("Fixture-Behaviour", behaviour)),
                deploy, "exiter.jar");
    }

    /** The log line of a refused call: {@code 01:02:03 SEVERE io.hotbundle.fixture.exiter 1.0.0 called ...}. */
    private static Pattern refusal(String call) {
        return Pattern.compile("\\d\\d:\\d\\d:\\d\\d SEVERE io\\.hotbundle\\.fixture\\.exiter 1\\.0\\.0 called "
                + Pattern.quote(call) + "\\(0\\) in io\\.hotbundle\\.fixture\\.exiter\\.Exiter: refused, a plugin "
                + "cannot end the container");
    }
}
