package io.hotbundle.itests;

import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The interactive console as a person sees it: {@code ./hotbundle} in a real pseudo-terminal (tmux), typed at,
 * and its screen read back. CI installs tmux; where it is missing the test is skipped with a reason.
 */
public class TerminalConsoleIT {

    private final String session = "hotbundle-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    private Path deploy;
    private Path work;

    @Before
    public void folders() throws Exception {
        assumeTrue("tmux is not installed (.ci/run installs it)", run("tmux", "-V").startsWith("tmux"));
        Path scratch = Files.createDirectories(Path.of(System.getProperty("hotbundle.scratch", "target/scratch")));
        deploy = Files.createTempDirectory(scratch, "tty-deploy-");
        work = Files.createTempDirectory(scratch, "tty-work-");
    }

    @After
    public void closeSession() throws Exception {
        run("tmux", "kill-session", "-t", session);
    }

    @Test
    public void theConsoleShowsTheReadyLineCompletesAndRunsHotListAndStopsOnCtrlC() throws Exception {
        // A person's terminal delivers Ctrl-C's SIGINT to the container; a test runner may have started this JVM
        // (and so tmux) with SIGINT ignored, which the container would inherit. Reset it for the container.
        String command = "env --default-signal=INT bash " + System.getProperty("hotbundle.script") + " --deploy "
                + deploy + " --work " + work + "; echo EXIT=$?; sleep 60";
        run("tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "40", command);

        awaitScreen("the ready line and the prompt", s -> s.contains("hotbundle ready in") && s.lines().anyMatch(l -> l.startsWith("g!")));
        // Typed incomplete: Tab completes the command name.
        run("tmux", "send-keys", "-t", session, "hot:lis", "Tab");
        awaitScreen("the completed command", s -> s.contains("g! hot:list"));
        run("tmux", "send-keys", "-t", session, "Enter");
        // Felix's own commands take bundles by id or name.
        run("tmux", "send-keys", "-t", session, "headers io.hotbundle.api", "Enter");
        // Ctrl-C at the idle prompt, as a person would press it: JLine prints the prompt once the terminal is set up.
        awaitScreen("headers' answer and the next prompt", s -> s.contains("Bundle-SymbolicName = io.hotbundle.api")
                && s.substring(s.indexOf("Bundle-SymbolicName = io.hotbundle.api")).lines()
                        .anyMatch(l -> l.startsWith("g!")));

        run("tmux", "send-keys", "-t", session, "C-c");
        awaitScreen("a clean stop with exit status 0", s -> s.contains("hotbundle stopped") && s.contains("EXIT=0"));
        assertTrue(screen(), !screen().contains("Exception"));
    }

    private void awaitScreen(String what, java.util.function.Predicate<String> condition) throws Exception {
        try {
            Await.until(what, () -> {
                try {
                    return condition.test(screen());
                } catch (IOException | InterruptedException e) {
                    return false;
                }
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the screen:\n" + screen(), e);
        }
    }

    private String screen() throws IOException, InterruptedException {
        return run("tmux", "capture-pane", "-p", "-t", session, "-S", "-100");
    }

    private static String run(String... command) throws IOException, InterruptedException {
        var builder = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true);
        builder.environment().remove("TMUX");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return "";
        }
        byte[] output = process.getInputStream().readAllBytes();
        process.waitFor(30, TimeUnit.SECONDS);
        return new String(output, StandardCharsets.UTF_8);
    }
}
