package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The interactive console as a person sees it: {@code ./hotbundle} in a real pseudo-terminal (tmux), typed at,
 * and its screen read back.
 */
public class TerminalConsoleIT {

    private Tmux tmux;
    private Path deploy;
    private Path work;

    @Before
    public void folders() throws Exception {
        assumeTrue("tmux is not installed (.ci/run installs it)", Tmux.available());
        tmux = new Tmux();
        deploy = Hotbundle.scratchFolder("tty-deploy-");
        work = Hotbundle.scratchFolder("tty-work-");
    }

    @After
    public void closeTerminal() throws Exception {
        if (tmux != null) {
            tmux.close();
        }
    }

    @Test
    public void theConsoleShowsTheReadyLineCompletesAndRunsHotListAndStopsOnCtrlC() throws Exception {
        String console = tmux.open("bash " + Hotbundle.script() + " --deploy " + deploy + " --work " + work);

        tmux.await(console, "the ready line and the prompt",
                s -> s.contains("hotbundle ready in") && s.lines().anyMatch(l -> l.startsWith("g!")));
        // Typed incomplete: Tab completes the command name.
        tmux.type(console, "hot:lis", "Tab");
        tmux.await(console, "the completed command", s -> s.contains("g! hot:list"));
        tmux.type(console, "Enter");
        // Felix's own commands take bundles by id or name.
        tmux.type(console, "headers io.hotbundle.api", "Enter");
        // Ctrl-C at the idle prompt, as a person would press it: JLine prints the prompt once the terminal is set up.
        tmux.await(console, "headers' answer and the next prompt", s -> s.contains("Bundle-SymbolicName = io.hotbundle.api")
                && s.substring(s.indexOf("Bundle-SymbolicName = io.hotbundle.api")).lines()
                        .anyMatch(l -> l.startsWith("g!")));

        tmux.type(console, "C-c");
        tmux.await(console, "a clean stop with exit status 0", s -> s.contains("hotbundle stopped") && s.contains("EXIT=0"));
        assertFalse(tmux.screen(console), tmux.screen(console).contains("Exception"));
    }

    /**
     * Ctrl-C while a command runs, between two prompts, where JLine leaves the JVM's SIGINT to the terminal: the
     * container stops cleanly and hands its plugins' state off (it was killed by the signal, state lost).
     */
    @Test
    public void ctrlCWhileACommandRunsStopsCleanlyAndTheStateIsSaved() throws Exception {
        TestJars.drop(TestJars.reactorJar("hotbundle.fixture.counter.v1"), deploy, "counter.jar");
        String console = tmux.open("bash " + Hotbundle.script() + " --deploy " + deploy + " --work " + work);
        tmux.await(console, "the ready line and the prompt",
                s -> s.contains("hotbundle ready in") && s.lines().anyMatch(l -> l.startsWith("g!")));
        tmux.type(console, "log:tail -s 60", "Enter");
        tmux.await(console, "log:tail following", s -> s.contains("g! log:tail -s 60")
                && s.substring(s.indexOf("g! log:tail -s 60")).contains("hotbundle - deployed io.hotbundle.fixture.counter"));

        tmux.type(console, "C-c");

        tmux.await(console, "a clean stop with exit status 0", s -> s.contains("hotbundle stopped") && s.contains("EXIT=0"));
        try (Hotbundle next = Hotbundle.start("--no-console", "--deploy", deploy.toString(), "--work", work.toString())) {
            next.awaitLine("the counter's activation from its saved state",
                    java.util.regex.Pattern.compile("\\[counter\\] v1 activation 2, count 0"));
        }
    }

    @Test
    public void whatPluginsPrintWhileALineIsTypedLandsAboveThePromptAndTheLineIsRedrawn() throws Exception {
        String console = tmux.open("bash " + Hotbundle.script() + " --deploy " + deploy + " --work " + work);
        tmux.await(console, "the prompt", s -> Tmux.lastLine(s).equals("g!"));

        tmux.type(console, "hot:li");
        tmux.await(console, "the typed text", s -> Tmux.lastLine(s).equals("g! hot:li"));
        // The plugin prints on System.out in its activation; the container logs the deployment through the log.
        TestJars.drop(TestJars.reactorJar("hotbundle.fixture.counter.v1"), deploy, "counter.jar");
        tmux.await(console, "the plugin's line and the log line", s -> s.contains("[counter] v1 activation 1, count 0")
                && s.contains("INFO deployed io.hotbundle.fixture.counter"));

        String screen = tmux.screen(console);
        List<String> lines = screen.lines().map(String::stripTrailing).toList();
        assertTrue(screen, lines.contains("[counter] v1 activation 1, count 0"));
        assertTrue(screen, lines.stream().anyMatch(l -> l.matches("\\S+ INFO deployed io\\.hotbundle\\.fixture\\.counter .*")));
        tmux.await(console, "the prompt with the typed text redrawn under them", s -> Tmux.lastLine(s).equals("g! hot:li"));
        assertEquals("the typed text appears once: " + screen, 1, lines.stream().filter(l -> l.contains("hot:li")).count());

        // The line still holds what was typed: finishing it runs hot:list.
        tmux.type(console, "st", "Enter");
        tmux.await(console, "hot:list's answer", s -> s.lines().anyMatch(l -> l.contains("io.hotbundle.fixture.counter")
                && l.contains("serving")));
        tmux.type(console, "C-c");
        tmux.await(console, "a clean stop with exit status 0", s -> s.contains("EXIT=0"));
    }
}
