package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The container as a user runs it: {@code ./hotbundle} as a separate process, headless, on a deploy folder of
 * its own. Not a Pax Exam test: nothing here runs inside the framework.
 */
public class LauncherProcessIT {

    private Path deploy;
    private Path work;
    private final List<Hotbundle> started = new ArrayList<>();

    @Before
    public void folders() throws IOException {
        deploy = Hotbundle.scratchFolder("launcher-deploy-");
        work = Hotbundle.scratchFolder("launcher-work-");
    }

    @After
    public void killLeftovers() {
        started.forEach(Hotbundle::close);
    }

    @Test
    public void startsPicksUpADropAndStopsOnSigtermWithExitStatusZero() throws Exception {
        Hotbundle container = start();
        container.awaitReady();
        assertTrue(container.describe(), container.output().stream().anyMatch(l -> l.endsWith("(0 plugins)")));

        TestJars.drop(TestJars.reactorJar("hotbundle.fixture.greeter"), deploy, "greeter.jar");
        container.awaitLine("the deployment", Pattern.compile(".*deployed io\\.hotbundle\\.fixture\\.greeter 1\\.0\\.0 .*"));

        container.stop();
        assertEquals(container.describe(), 0, container.awaitExit());
        container.awaitLine("the stop line", Pattern.compile("hotbundle stopped"));
        assertTrue("no stack trace: " + container.output(), container.output().stream().noneMatch(l -> l.contains("Exception")));
    }

    /**
     * A signal that comes while the plugins already in the folder are being started (an operator's Ctrl-C right
     * after the start, a supervisor's restart) is a clean stop too: status 0, and the state handed off.
     */
    @Test
    public void aSigtermWhileStartingStopsCleanlyAndTheStateIsSaved() throws Exception {
        TestJars.drop(TestJars.reactorJar("hotbundle.fixture.counter.v1"), deploy, "counter.jar");
        Hotbundle first = start();
        first.awaitLine("the counter's activation", Pattern.compile("\\[counter\\] v1 activation 1, count 0"));

        first.stop();

        assertEquals(first.describe(), 0, first.awaitExit());
        first.awaitLine("the stop line", Pattern.compile("hotbundle stopped"));
        Hotbundle second = start();
        second.awaitLine("the counter's activation from its saved state",
                Pattern.compile("\\[counter\\] v1 activation 2, count 0"));
        second.stop();
        assertEquals(second.describe(), 0, second.awaitExit());
    }

    @Test
    public void countsThePluginsAlreadyInTheFolderInItsReadyLine() throws Exception {
        TestJars.drop(TestJars.reactorJar("hotbundle.fixture.greeter"), deploy, "greeter.jar");
        Hotbundle container = start();

        container.awaitLine("the ready line with one plugin", Pattern.compile("hotbundle ready in \\d+ ms, .* \\(1 plugin\\)"));
        container.stop();
        assertEquals(0, container.awaitExit());
    }

    @Test
    public void aPluginGetsItsLastStateBackAfterTheContainerRestarts() throws Exception {
        Hotbundle first = start();
        first.awaitReady();
        TestJars.drop(TestJars.reactorJar("hotbundle.fixture.counter.v1"), deploy, "counter.jar");
        first.awaitLine("the first activation", Pattern.compile("\\[counter\\] v1 activation 1, count 0"));
        first.stop();
        assertEquals(first.describe(), 0, first.awaitExit());

        Hotbundle second = start();

        second.awaitLine("the second activation, from saved state", Pattern.compile("\\[counter\\] v1 activation 2, count 0"));
        second.stop();
        second.awaitExit();
    }

    @Test
    public void afterAKillTheLastGoodVersionServesWithItsStateEvenIfTheFolderHoldsABrokenBuild() throws Exception {
        Hotbundle first = start();
        first.awaitReady();
        TestJars.drop(TestJars.reactorJar("hotbundle.fixture.counter.v1"), deploy, "counter.jar");
        first.awaitLine("v1's activation", Pattern.compile("\\[counter\\] v1 activation 1, count 0"));
        TestJars.drop(TestJars.withHeaders(TestJars.reactorJar("hotbundle.fixture.counter.v2"),
                Map.of("Fixture-Behaviour", "restore-wrong-type")), deploy, "counter.jar");
        first.awaitLine("the rollback", Pattern.compile(".*rolled back, 1\\.0\\.0 serves again.*"));

        first.process().destroyForcibly(); // SIGKILL: no deactivation, no clean stop
        first.awaitExit();
        Hotbundle second = start();

        // The folder still holds the broken 2.0.0: it fails, and the last good 1.0.0 comes back with the last
        // state handed off, at the swap (activations 1; the rollback's activation was killed before handing off).
        String earlier = "; the earlier process's output: " + first.output();
        try {
            second.awaitLine("the last good version", Pattern.compile(".*the last good version 1\\.0\\.0 serves, since 2\\.0\\.0 .*"));
            second.awaitLine("v1 with its state", Pattern.compile("\\[counter\\] v1 activation 2, count 0"));
            second.awaitLine("the ready line", Pattern.compile("hotbundle ready in \\d+ ms, .* \\(1 plugin\\)"));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + earlier, e);
        }
        second.stop();
        assertEquals(0, second.awaitExit());
    }

    @Test
    public void execRunsOneCommandInTheRunningContainerAndExitsWithItsStatus() throws Exception {
        Hotbundle container = start();
        container.awaitReady();
        TestJars.drop(TestJars.reactorJar("hotbundle.fixture.greeter"), deploy, "greeter.jar");
        container.awaitLine("the deployment", Pattern.compile(".*deployed io\\.hotbundle\\.fixture\\.greeter 1\\.0\\.0 .*"));

        Hotbundle.Result list = Hotbundle.run(null, "exec", "hot:list", "--deploy", deploy.toString(), "--work",
                work.toString());
        assertEquals(list.output(), 0, list.status());
        assertTrue(list.output(), list.output().contains("io.hotbundle.fixture.greeter  1.0.0"));

        Hotbundle.Result unknown = Hotbundle.run(null, "exec", "hot:info", "nothing", "--deploy", deploy.toString(),
                "--work", work.toString());
        assertEquals(unknown.output(), 1, unknown.status());
        assertEquals("error: no plugin 'nothing'; closest: io.hotbundle.fixture.greeter\n", unknown.output());

        Hotbundle.Result noArgument = Hotbundle.run(null, "exec", "hot:reload", "--deploy", deploy.toString(),
                "--work", work.toString());
        assertEquals(noArgument.output(), 1, noArgument.status());
        assertEquals("error: hot:reload does not take these arguments; help hot:reload says what it takes\n",
                noArgument.output());
    }

    @Test
    public void shellRunsEachLineItReadsAgainstTheRunningContainer() throws Exception {
        Hotbundle container = start();
        container.awaitReady();
        TestJars.drop(TestJars.reactorJar("hotbundle.fixture.greeter"), deploy, "greeter.jar");
        container.awaitLine("the deployment", Pattern.compile(".*deployed io\\.hotbundle\\.fixture\\.greeter 1\\.0\\.0 .*"));

        Hotbundle.Result shell = Hotbundle.run("hot:pause greeter\nhot:list\nexit\n", "shell", "--work", work.toString());

        assertEquals(shell.output(), 0, shell.status());
        assertTrue(shell.output(), shell.output().contains("paused io.hotbundle.fixture.greeter"));
        assertTrue(shell.output(), shell.output().lines().anyMatch(l -> l.contains("fixture.greeter") && l.contains("paused")));
    }

    /** A follow that nothing logs to (a filter on ERROR) still ends when its client goes away. */
    @Test
    public void aTailEndsInTheContainerWhenItsClientGoesAway() throws Exception {
        Hotbundle container = start();
        container.awaitReady();
        Hotbundle tail = Hotbundle.start("exec", "log:tail -n 0 -l ERROR", "--deploy", deploy.toString(), "--work",
                work.toString());
        started.add(tail);
        Await.until("the tail to follow in the container", () -> threadsNamed(container, "pipe-log:tail") == 1);

        tail.stop(); // SIGTERM, as a closed terminal or Ctrl-C ends the client
        tail.awaitExit();
        Await.until("the tail to end with its client", () -> threadsNamed(container, "pipe-log:tail") == 0);
    }

    /** The threads of the container's JVM whose names begin so (Linux keeps the first 15 characters). */
    private static long threadsNamed(Hotbundle container, String prefix) {
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(container.process().pid()), "task"))) {
            return tasks.filter(task -> {
                try {
                    return Files.readString(task.resolve("comm")).startsWith(prefix);
                } catch (IOException gone) {
                    return false;
                }
            }).count();
        } catch (IOException e) {
            throw new AssertionError("cannot list the container's threads", e);
        }
    }

    @Test
    public void execWithoutARunningContainerSaysSoInOneLine() throws Exception {
        Hotbundle.Result exec = Hotbundle.run(null, "exec", "hot:list", "--deploy", deploy.toString(), "--work",
                work.toString());

        assertEquals(1, exec.status());
        assertTrue(exec.output(), exec.output().startsWith("hotbundle: no container is running on " + deploy));
        assertEquals(exec.output(), 1, exec.lines().size());
    }

    @Test
    public void aWrongOptionIsOneLineAndExitStatusTwo() throws Exception {
        Hotbundle.Result start = Hotbundle.run(null, "--frobnicate");

        assertEquals(2, start.status());
        assertEquals(List.of("hotbundle: unknown option '--frobnicate' (try --help)"), start.lines());
    }

    @Test
    public void aDeployFolderThatIsAFileIsOneLineAndExitStatusTwo() throws Exception {
        Path file = Files.writeString(deploy.resolve("not-a-folder.txt"), "a file");

        Hotbundle.Result start = Hotbundle.run(null, "--no-console", "--deploy", file.toString(), "--work",
                work.toString());

        assertEquals(start.output(), 2, start.status());
        assertEquals(List.of("hotbundle: deploy folder " + file + " is a file, not a folder (choose another with"
                + " --deploy)"), start.lines());
    }

    @Test
    public void aDeployFolderItsUserCannotReadIsOneLineAndExitStatusTwo() throws Exception {
        assumeTrue("setpriv (util-linux) is needed to run as another user", Hotbundle.canRunAsNobody());
        // Root reads every folder: the container runs as another user, whose work folder is his own.
        Files.setPosixFilePermissions(deploy, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path unreadable = Files.createDirectory(deploy.resolve("closed"));
        Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("rwx------"));
        Path hisWork = Hotbundle.scratchFolder("nobody-work-");
        Files.setAttribute(hisWork, "unix:uid", 65534);

        Hotbundle.Result start = Hotbundle.run(Map.of(), Hotbundle.AS_NOBODY, null, "--no-console", "--deploy",
                unreadable.toString(), "--work", hisWork.toString());

        assertEquals(start.output(), 2, start.status());
        assertEquals(List.of("hotbundle: deploy folder " + unreadable + " cannot be read by this user (choose"
                + " another with --deploy)"), start.lines());
    }

    @Test
    public void aSecondContainerOnTheSameWorkFolderIsRefused() throws Exception {
        Hotbundle first = start();
        first.awaitReady();

        Hotbundle second = start();
        assertEquals(second.describe(), 1, second.awaitExit());
        second.awaitLine("the refusal", Pattern.compile("hotbundle: another hotbundle is running with work folder .*"));

        first.stop();
        assertEquals("first container: " + first.describe(), 0, first.awaitExit());
    }

    /**
     * One deploy folder named two ways (its path, and a link to it: a checkout under a linked home) is one
     * container's: its default work folder is the same, so a second start is refused and exec finds the first.
     */
    @Test
    public void aDeployFolderReachedThroughALinkHasTheSameDefaultWorkFolder() throws Exception {
        Path link = Files.createSymbolicLink(deploy.resolveSibling(deploy.getFileName() + "-link"), deploy);
        Hotbundle first = Hotbundle.start("--no-console", "--deploy", deploy.toString());
        started.add(first);
        first.awaitReady();
        // README's rule: work/<folder>-<hash of the folder's own path> in the checkout.
        Path defaultWork = Path.of(Hotbundle.script()).toRealPath().getParent().resolve("work").resolve(
                deploy.getFileName() + "-" + String.format("%08x", deploy.toRealPath().toString().hashCode()));
        try {
            assertTrue(defaultWork.toString(), Files.isDirectory(defaultWork));
            Hotbundle.Result exec = Hotbundle.run(null, "exec", "hot:list", "--deploy", link.toString());
            assertEquals(exec.output(), 0, exec.status());

            Hotbundle second = Hotbundle.start("--no-console", "--deploy", link.toString());
            started.add(second);
            assertEquals(second.describe(), 1, second.awaitExit());
            second.awaitLine("the refusal", Pattern.compile("hotbundle: another hotbundle is running with work folder .*"));
        } finally {
            first.stop();
            first.awaitExit();
            try (var files = Files.walk(defaultWork)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    public void aWorkFolderThatCannotBeWrittenStopsTheStartInOneLine() throws Exception {
        // A plain file where a folder must go: unwritable for root too, who ignores permissions.
        Path inTheWay = Files.writeString(work.resolveSibling(work.getFileName() + "-file"), "a file");
        Path unusable = inTheWay.resolve("work");

        Hotbundle.Result start = Hotbundle.run(null, "--no-console", "--deploy", deploy.toString(), "--work",
                unusable.toString());

        assertEquals(1, start.status());
        assertEquals(start.output(), 1, start.lines().size());
        assertTrue(start.output(), Pattern.matches("hotbundle: cannot use work folder " + Pattern.quote(unusable.toString())
                + ": .+ \\(choose another with --work\\)", start.lines().get(0)));
    }

    private Hotbundle start() throws IOException {
        Hotbundle container = Hotbundle.start("--no-console", "--deploy", deploy.toString(), "--work", work.toString());
        started.add(container);
        return container;
    }
}
