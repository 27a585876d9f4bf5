package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * A checkout at a normal developer's depth: a work folder whose path is longer than a Unix socket's path may be
 * (about 107 bytes). The terminal console, {@code exec} and {@code shell} all work, and nothing warns.
 */
public class DeepWorkFolderIT {

    private static final int DEPTH = 150;

    private Tmux tmux;
    private Path deploy;
    private Path work;

    @Before
    public void folders() throws Exception {
        assumeTrue("tmux is not installed (.ci/run installs it)", Tmux.available());
        tmux = new Tmux();
        Path deep = Hotbundle.scratchFolder("deep-").resolve("home/developer/workspace/enterprise-platform/plugins");
        while (deep.resolve("work").toString().length() < DEPTH) {
            deep = deep.resolve("hotbundle-checkout");
        }
        deploy = Files.createDirectories(deep.resolve("deploy"));
        work = deep.resolve("work");
    }

    @After
    public void closeTerminal() throws Exception {
        if (tmux != null) {
            tmux.close();
        }
    }

    @Test
    public void theTerminalConsoleExecAndShellWorkWithAWorkFolderPathOf150Characters() throws Exception {
        assertTrue(work.toString(), work.toString().length() >= DEPTH);
        String console = tmux.open("bash " + Hotbundle.script() + " --deploy " + deploy + " --work " + work);
        tmux.await(console, "the ready line and the prompt",
                s -> s.contains("hotbundle ready in") && Tmux.lastLine(s).equals("g!"));
        TestJars.drop(TestJars.reactorJar("hotbundle.fixture.greeter"), deploy, "greeter.jar");
        tmux.await(console, "the deployment", s -> s.contains("deployed io.hotbundle.fixture.greeter 1.0.0"));

        Hotbundle.Result exec = Hotbundle.run(null, "exec", "hot:list", "--deploy", deploy.toString(), "--work",
                work.toString());
        assertEquals(exec.output(), 0, exec.status());
        assertTrue(exec.output(), exec.output().contains("io.hotbundle.fixture.greeter  1.0.0"));

        Hotbundle.Result shell = Hotbundle.run("hot:pause greeter\nhot:resume greeter\nexit\n", "shell", "--deploy",
                deploy.toString(), "--work", work.toString());
        assertEquals(shell.output(), 0, shell.status());
        assertTrue(shell.output(), shell.output().contains("paused io.hotbundle.fixture.greeter"));
        assertTrue(shell.output(), shell.output().contains("resumed io.hotbundle.fixture.greeter"));

        tmux.type(console, "hot:list", "Enter");
        tmux.await(console, "hot:list's answer in the terminal console", s -> Pattern.compile(
                "(?m)^\\d+ +io\\.hotbundle\\.fixture\\.greeter +1\\.0\\.0 +plugin +serving").matcher(s).find());
        tmux.type(console, "C-c");
        tmux.await(console, "a clean stop with exit status 0", s -> s.contains("hotbundle stopped") && s.contains("EXIT=0"));
        String screen = tmux.screen(console);
        assertFalse(screen, screen.contains("WARNING"));
        assertFalse(screen, screen.contains("Exception"));
    }
}
