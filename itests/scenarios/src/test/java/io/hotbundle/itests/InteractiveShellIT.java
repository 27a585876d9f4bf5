package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Pattern;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * {@code ./hotbundle shell} on a terminal, as a person uses it: Tab completes commands and plugin names from what
 * the running container offers, and the history outlives the session, in an owner-only file.
 */
public class InteractiveShellIT {

    private Tmux tmux;
    private Path deploy;
    private Path work;
    private Hotbundle container;

    @Before
    public void startContainer() throws Exception {
        assumeTrue("tmux is not installed (.ci/run installs it)", Tmux.available());
        tmux = new Tmux();
        deploy = Hotbundle.scratchFolder("shell-deploy-");
        work = Hotbundle.scratchFolder("shell-work-");
        TestJars.drop(TestJars.reactorJar("hotbundle.fixture.counter.v1"), deploy, "counter.jar");
        container = Hotbundle.start("--no-console", "--deploy", deploy.toString(), "--work", work.toString());
        container.awaitLine("the ready line", Pattern.compile("hotbundle ready in \\d+ ms, .* \\(1 plugin\\)"));
    }

    @After
    public void stopAll() throws Exception {
        if (tmux != null) {
            tmux.close();
        }
        if (container != null) {
            container.stop();
            assertEquals(container.describe(), 0, container.awaitExit());
        }
    }

    @Test
    public void tabCompletesCommandsAndPluginNamesFromTheContainerAndHistoryOutlivesTheSession() throws Exception {
        String shell = tmux.open("bash " + Hotbundle.script() + " shell --deploy " + deploy + " --work " + work);
        tmux.await(shell, "the prompt", s -> Tmux.lastLine(s).equals("hot>"));

        tmux.type(shell, "hot:inf", "Tab");
        tmux.await(shell, "the command completed", s -> Tmux.lastLine(s).equals("hot> hot:info"));
        tmux.type(shell, "io.hotbundle.fixture.c", "Tab");
        tmux.await(shell, "the plugin's name completed",
                s -> Tmux.lastLine(s).equals("hot> hot:info io.hotbundle.fixture.counter"));
        tmux.type(shell, "Enter");
        tmux.await(shell, "hot:info's answer and the next prompt", s -> s.contains("io.hotbundle.fixture.counter.Counter")
                && Tmux.lastLine(s).equals("hot>"));
        tmux.type(shell, "C-d");
        tmux.await(shell, "the shell's end", s -> s.contains("EXIT=0"));

        Path history = work.resolve("shell-history");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(history)));
        assertTrue(Files.readString(history), Files.readString(history).contains("hot:info io.hotbundle.fixture.counter"));

        String again = tmux.open("bash " + Hotbundle.script() + " shell --deploy " + deploy + " --work " + work);
        tmux.await(again, "the prompt", s -> Tmux.lastLine(s).equals("hot>"));
        tmux.type(again, "Up");
        tmux.await(again, "the last session's command", s -> Tmux.lastLine(s).equals(
                "hot> hot:info io.hotbundle.fixture.counter"));
        tmux.type(again, "C-u", "exit", "Enter");
        tmux.await(again, "the shell's end", s -> s.contains("EXIT=0"));
    }
}
