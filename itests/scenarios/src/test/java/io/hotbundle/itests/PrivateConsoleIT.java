package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The console as another local user would attack it: a socket of his own where {@code exec} looks, a socket
 * folder he made first, a connection to the container's socket. Tests run as root; the other user is uid 65534
 * ({@code nobody}), as files chowned to it or as processes run through {@code setpriv}. Each test has a runtime
 * folder of its own ({@code XDG_RUNTIME_DIR}), short and under /tmp as a real one is.
 */
public class PrivateConsoleIT {

    private static final int NOBODY = 65534;

    private Path runtime;
    private Path deploy;
    private Path work;
    private Map<String, String> environment;
    private final List<AutoCloseable> leftovers = new CopyOnWriteArrayList<>();

    @Before
    public void folders() throws IOException {
        assumeTrue("the other user is made with chown, which needs root", Hotbundle.isRoot());
        runtime = Files.createTempDirectory(Path.of("/tmp"), "hb-it-run-");
        deploy = Hotbundle.scratchFolder("console-deploy-");
        work = Hotbundle.scratchFolder("console-work-");
        environment = Map.of("XDG_RUNTIME_DIR", runtime.toString());
    }

    @After
    public void cleanUp() throws Exception {
        for (AutoCloseable leftover : leftovers) {
            leftover.close();
        }
        if (runtime == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(runtime)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Test
    public void execRefusesASocketOwnedByAnotherUserInOneLine() throws Exception {
        Path socket = Hotbundle.consoleSocket(runtime, work);
        Files.createDirectory(socket.getParent(), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        leftovers.add(FakeConsole.listen(socket));
        Files.setAttribute(socket, "unix:uid", NOBODY, LinkOption.NOFOLLOW_LINKS);

        Hotbundle.Result exec = exec("hot:list");

        assertEquals(exec.output(), 1, exec.status());
        assertEquals(exec.output(), List.of("hotbundle: refused the console: " + socket + " belongs to uid " + NOBODY
                + ", not to this user (uid 0)"), exec.lines());
    }

    @Test
    public void execRefusesAConsoleServedByAProcessOfAnotherUserInOneLine() throws Exception {
        assumeSetpriv();
        // The other user listens in a folder of his own, then the socket is moved to where exec looks and made
        // to look like this user's: only the connection's peer credentials still tell who answers.
        Path his = Hotbundle.scratchFolder("nobody-");
        Files.setAttribute(his, "unix:uid", NOBODY);
        Process server = new ProcessBuilder(FakeConsole.command(Hotbundle.AS_NOBODY, "serve", his.resolve("s.sock")
                .toString())).redirectErrorStream(true).start();
        leftovers.add(server::destroyForcibly);
        String first = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        assertEquals("the other user's server", "listening", first);
        Path socket = Hotbundle.consoleSocket(runtime, work);
        Files.createDirectory(socket.getParent(), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Files.move(his.resolve("s.sock"), socket, StandardCopyOption.ATOMIC_MOVE);
        Files.setAttribute(socket, "unix:uid", 0, LinkOption.NOFOLLOW_LINKS);

        Hotbundle.Result exec = exec("hot:list");

        assertEquals(exec.output(), 1, exec.status());
        assertEquals(exec.output(), List.of("hotbundle: refused the console: the process at the other end of " + socket
                + " runs as nobody, not as root"), exec.lines());
    }

    @Test
    public void theContainerRefusesAConnectionFromAnotherUserWithOneWarning() throws Exception {
        assumeSetpriv();
        Hotbundle container = start();
        container.awaitReady();
        // Opened up by mistake: the other user can reach the socket; the container still checks who connects.
        Path socket = Hotbundle.consoleSocket(runtime, work);
        for (Path folder : List.of(runtime, socket.getParent())) {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx--x--x"));
        }
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));

        Process client = new ProcessBuilder(FakeConsole.command(Hotbundle.AS_NOBODY, "connect", socket.toString(),
                "hot:list")).redirectErrorStream(true).start();
        leftovers.add(client::destroyForcibly);
        assertTrue("the other user's client finished within 30 s", client.waitFor(30, TimeUnit.SECONDS));
        String answer = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertFalse("the other user got nothing: " + answer, answer.contains("received:"));
        container.awaitLine("the refusal", Pattern.compile(".* WARNING remote console: refused a connection: the process"
                + " at the other end of " + Pattern.quote(socket.toString()) + " runs as nobody, not as root"));
        container.stop();
        assertEquals(container.describe(), 0, container.awaitExit());
        assertEquals(container.describe(), 1, container.output().stream().filter(l -> l.contains("WARNING")).count());
    }

    @Test
    public void aSocketFolderOfAnotherUserCostsTheConsoleOneWarningAndExecIsRefused() throws Exception {
        Path folder = Files.createDirectory(runtime.resolve("hotbundle"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Files.setAttribute(folder, "unix:uid", NOBODY);
        String reason = folder + " belongs to uid " + NOBODY + ", not to this user (uid 0)";

        assertConsoleRefusedAndContainerServes(reason);
    }

    @Test
    public void aSocketFolderOpenToOthersCostsTheConsoleOneWarningAndExecIsRefused() throws Exception {
        Path folder = Files.createDirectory(runtime.resolve("hotbundle"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
        String reason = folder + " is open to group or others (mode 0777)";

        assertConsoleRefusedAndContainerServes(reason);
    }

    /** One warning at start, exec refused in one line, the container serving, a clean stop without a stack trace. */
    private void assertConsoleRefusedAndContainerServes(String reason) throws Exception {
        Hotbundle container = start();
        container.awaitReady();
        container.awaitLine("the warning", Pattern.compile(".* WARNING the console is not reachable from other"
                + " terminals: " + Pattern.quote(reason)));

        Hotbundle.Result exec = exec("hot:list");
        assertEquals(exec.output(), 1, exec.status());
        assertEquals(exec.output(), List.of("hotbundle: refused the console: " + reason), exec.lines());

        TestJars.drop(TestJars.reactorJar("hotbundle.fixture.greeter"), deploy, "greeter.jar");
        container.awaitLine("the deployment", Pattern.compile(".*deployed io\\.hotbundle\\.fixture\\.greeter 1\\.0\\.0 .*"));
        container.stop();
        assertEquals(container.describe(), 0, container.awaitExit());
        container.awaitLine("the stop line", Pattern.compile("hotbundle stopped"));
        assertEquals(container.describe(), 1, container.output().stream().filter(l -> l.contains("WARNING")).count());
        assertFalse(container.describe(), container.output().stream().anyMatch(l -> l.contains("Exception")));
    }

    private Hotbundle start() throws IOException {
        Hotbundle container = Hotbundle.start(environment, List.of(), "--no-console", "--deploy", deploy.toString(),
                "--work", work.toString());
        leftovers.add(container);
        return container;
    }

    private Hotbundle.Result exec(String command) throws Exception {
        return Hotbundle.run(environment, List.of(), null, "exec", command, "--deploy", deploy.toString(), "--work",
                work.toString());
    }

    private static void assumeSetpriv() throws InterruptedException {
        assumeTrue("setpriv (util-linux) is needed to run a process as another user", Hotbundle.canRunAsNobody());
    }
}
