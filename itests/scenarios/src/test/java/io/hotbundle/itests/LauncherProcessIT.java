package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The container as a user runs it: {@code ./hotbundle} as a separate process, headless, on a deploy folder of
 * its own. Not a Pax Exam test: nothing here runs inside the framework.
 */
public class LauncherProcessIT {

    private static final Pattern READY = Pattern.compile("hotbundle ready in \\d+ ms, watching .+/ \\(\\d+ plugins?\\)");

    private Path deploy;
    private Path work;
    private Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private List<String> earlier = List.of();

    @Before
    public void folders() throws IOException {
        Path scratch = Files.createDirectories(Path.of(System.getProperty("hotbundle.scratch", "target/scratch")));
        deploy = Files.createTempDirectory(scratch, "launcher-deploy-");
        work = Files.createTempDirectory(scratch, "launcher-work-");
    }

    @After
    public void killLeftovers() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    @Test
    public void startsPicksUpADropAndStopsOnSigtermWithExitStatusZero() throws Exception {
        start("--no-console", "--deploy", deploy.toString(), "--work", work.toString());
        awaitLine("the ready line", READY);
        assertTrue(output.toString(), output.stream().anyMatch(l -> l.endsWith("(0 plugins)")));

        TestJars.drop(TestJars.reactorJar("hotbundle.fixture.greeter"), deploy, "greeter.jar");
        awaitLine("the deployment", Pattern.compile(".*deployed io\\.hotbundle\\.fixture\\.greeter 1\\.0\\.0 .*"));

        stop(process);
        assertTrue("exited within 30 s", process.waitFor(30, TimeUnit.SECONDS));
        assertEquals("exit status; output: " + output, 0, process.exitValue());
        awaitLine("the stop line", Pattern.compile("hotbundle stopped"));
        assertTrue("no stack trace: " + output, output.stream().noneMatch(l -> l.contains("Exception")));
    }

    @Test
    public void countsThePluginsAlreadyInTheFolderInItsReadyLine() throws Exception {
        TestJars.drop(TestJars.reactorJar("hotbundle.fixture.greeter"), deploy, "greeter.jar");
        start("--no-console", "--deploy", deploy.toString(), "--work", work.toString());

        awaitLine("the ready line with one plugin", Pattern.compile("hotbundle ready in \\d+ ms, .* \\(1 plugin\\)"));
        stop(process);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue());
    }

    @Test
    public void aPluginGetsItsLastStateBackAfterTheContainerRestarts() throws Exception {
        start("--no-console", "--deploy", deploy.toString(), "--work", work.toString());
        awaitLine("the ready line", READY);
        TestJars.drop(TestJars.reactorJar("hotbundle.fixture.counter.v1"), deploy, "counter.jar");
        awaitLine("the first activation", Pattern.compile("\\[counter\\] v1 activation 1, count 0"));
        stop(process);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals("exit status; output: " + output, 0, process.exitValue());

        output.clear();
        start("--no-console", "--deploy", deploy.toString(), "--work", work.toString());

        awaitLine("the second activation, from saved state", Pattern.compile("\\[counter\\] v1 activation 2, count 0"));
        stop(process);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    }

    @Test
    public void afterAKillTheLastGoodVersionServesWithItsStateEvenIfTheFolderHoldsABrokenBuild() throws Exception {
        start("--no-console", "--deploy", deploy.toString(), "--work", work.toString());
        awaitLine("the ready line", READY);
        TestJars.drop(TestJars.reactorJar("hotbundle.fixture.counter.v1"), deploy, "counter.jar");
        awaitLine("v1's activation", Pattern.compile("\\[counter\\] v1 activation 1, count 0"));
        TestJars.drop(TestJars.withHeaders(TestJars.reactorJar("hotbundle.fixture.counter.v2"),
                java.util.Map.of("Fixture-Behaviour", "restore-wrong-type")), deploy, "counter.jar");
        awaitLine("the rollback", Pattern.compile(".*rolled back, 1\\.0\\.0 serves again.*"));

        process.destroyForcibly(); // SIGKILL: no deactivation, no clean stop
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        earlier = List.copyOf(output);
        output.clear();
        start("--no-console", "--deploy", deploy.toString(), "--work", work.toString());

        // The folder still holds the broken 2.0.0: it fails, and the last good 1.0.0 comes back with the last
        // state handed off, at the swap (activations 1; the rollback's activation was killed before handing off).
        awaitLine("the last good version", Pattern.compile(".*the last good version 1\\.0\\.0 serves, since 2\\.0\\.0 .*"));
        awaitLine("v1 with its state", Pattern.compile("\\[counter\\] v1 activation 2, count 0"));
        awaitLine("the ready line", Pattern.compile("hotbundle ready in \\d+ ms, .* \\(1 plugin\\)"));
        stop(process);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue());
    }

    @Test
    public void execRunsOneCommandInTheRunningContainerAndExitsWithItsStatus() throws Exception {
        start("--no-console", "--deploy", deploy.toString(), "--work", work.toString());
        awaitLine("the ready line", READY);
        TestJars.drop(TestJars.reactorJar("hotbundle.fixture.greeter"), deploy, "greeter.jar");
        awaitLine("the deployment", Pattern.compile(".*deployed io\\.hotbundle\\.fixture\\.greeter 1\\.0\\.0 .*"));

        Client list = client(null, "exec", "hot:list", "--deploy", deploy.toString(), "--work", work.toString());
        assertEquals(list.output, 0, list.status);
        assertTrue(list.output, list.output.contains("io.hotbundle.fixture.greeter  1.0.0"));

        Client unknown = client(null, "exec", "hot:info", "nothing", "--deploy", deploy.toString(), "--work",
                work.toString());
        assertEquals(unknown.output, 1, unknown.status);
        assertEquals("error: no plugin 'nothing'; closest: io.hotbundle.fixture.greeter\n", unknown.output);
    }

    @Test
    public void shellRunsEachLineItReadsAgainstTheRunningContainer() throws Exception {
        start("--no-console", "--deploy", deploy.toString(), "--work", work.toString());
        awaitLine("the ready line", READY);
        TestJars.drop(TestJars.reactorJar("hotbundle.fixture.greeter"), deploy, "greeter.jar");
        awaitLine("the deployment", Pattern.compile(".*deployed io\\.hotbundle\\.fixture\\.greeter 1\\.0\\.0 .*"));

        Client shell = client("hot:pause greeter\nhot:list\nexit\n", "shell", "--work", work.toString());

        assertEquals(shell.output, 0, shell.status);
        assertTrue(shell.output, shell.output.contains("paused io.hotbundle.fixture.greeter"));
        assertTrue(shell.output, shell.output.lines().anyMatch(l -> l.contains("fixture.greeter") && l.contains("paused")));
    }

    @Test
    public void execWithoutARunningContainerSaysSoInOneLine() throws Exception {
        Client exec = client(null, "exec", "hot:list", "--deploy", deploy.toString(), "--work", work.toString());

        assertEquals(1, exec.status);
        assertTrue(exec.output, exec.output.startsWith("hotbundle: no container is running on " + deploy));
        assertEquals(exec.output, 1, exec.output.lines().count());
    }

    @Test
    public void aWrongOptionIsOneLineAndExitStatusTwo() throws Exception {
        start("--frobnicate");

        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue());
        awaitLine("the error line", Pattern.compile("hotbundle: unknown option '--frobnicate' \\(try --help\\)"));
        assertEquals(output.toString(), 1, output.size());
    }

    @Test
    public void aSecondContainerOnTheSameWorkFolderIsRefused() throws Exception {
        start("--no-console", "--deploy", deploy.toString(), "--work", work.toString());
        awaitLine("the ready line", READY);
        Process first = process;
        List<String> firstOutput = List.copyOf(output);
        output.clear();

        start("--no-console", "--deploy", deploy.toString(), "--work", work.toString());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, process.exitValue());
        awaitLine("the refusal", Pattern.compile("hotbundle: another hotbundle is running with work folder .*"));

        stop(first);
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        assertEquals("first container: " + firstOutput, 0, first.exitValue());
    }

    @Test
    public void aWorkFolderThatCannotBeWrittenStopsTheStartInOneLine() throws Exception {
        // A plain file where a folder must go: unwritable for root too, who ignores permissions.
        Path inTheWay = Files.writeString(work.resolveSibling(work.getFileName() + "-file"), "a file");
        Path unusable = inTheWay.resolve("work");
        start("--no-console", "--deploy", deploy.toString(), "--work", unusable.toString());

        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, process.exitValue());
        awaitLine("the error line", Pattern.compile("hotbundle: cannot use work folder " + Pattern.quote(
                unusable.toString()) + ": .+ \\(choose another with --work\\)"));
        assertEquals(output.toString(), 1, output.size());
    }

    private record Client(int status, String output) {
    }

    /** Runs {@code ./hotbundle} as a short-lived client with the given standard input, to completion. */
    private static Client client(String input, String... args) throws Exception {
        var command = new java.util.ArrayList<>(List.of("bash", System.getProperty("hotbundle.script")));
        command.addAll(List.of(args));
        Process client = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var stdin = client.getOutputStream()) {
            if (input != null) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] output = client.getInputStream().readAllBytes();
        assertTrue("the client finished within 60 s", client.waitFor(60, TimeUnit.SECONDS));
        return new Client(client.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** SIGTERM, as {@code kill} sends it. Process.destroy() would also close the output before it is read. */
    private static void stop(Process target) {
        target.toHandle().destroy();
    }

    private void start(String... args) throws IOException {
        var command = new java.util.ArrayList<>(List.of("bash", System.getProperty("hotbundle.script")));
        command.addAll(List.of(args));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Process started = process;
        Thread reader = new Thread(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    output.add(line);
                }
            } catch (IOException e) {
                output.add("(output closed: " + e + ")");
            }
        }, "launcher-output");
        reader.setDaemon(true);
        reader.start();
    }

    private void awaitLine(String what, Pattern pattern) {
        try {
            Await.until(what, () -> output.stream().anyMatch(l -> pattern.matcher(l).matches()));
        } catch (AssertionError e) {
            String state = process.isAlive() ? "still running" : "exited with " + process.exitValue();
            throw new AssertionError(e.getMessage() + "; the process (" + process.pid() + ") is " + state
                    + "; its output: " + output + (earlier.isEmpty() ? "" : "; the earlier process's: " + earlier), e);
        }
    }
}
