package io.hotbundle.itests;

import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code ./hotbundle} as a user runs it: the script, as a process of its own, its output (stdout and stderr)
 * read line by line as it comes. Not a Pax Exam helper: nothing here runs inside the framework.
 */
public final class Hotbundle implements AutoCloseable {

    public static final Pattern READY = Pattern.compile("hotbundle ready in \\d+ ms, watching .+/ \\(\\d+ plugins?\\)");

    /** Runs it as uid and gid 65534 ({@code nobody}): the other local user of the security tests. */
    public static final List<String> AS_NOBODY = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");

    /** Whether the tests run as root, who can give files to another user (as the security tests do). */
    public static boolean isRoot() throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }

    /** Whether {@link #AS_NOBODY} works here: setpriv is there, and this is root, who may use it. */
    public static boolean canRunAsNobody() throws InterruptedException {
        try {
            Process probe = new ProcessBuilder(AS_NOBODY.get(0), "--reuid=65534", "true").redirectErrorStream(true)
                    .start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private Hotbundle(Process process) {
        this.process = process;
        this.reader = new Thread(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    output.add(line);
                }
            } catch (IOException e) {
                output.add("(output closed: " + e + ")");
            }
        }, "hotbundle-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code ./hotbundle args}. */
    public static Hotbundle start(String... args) throws IOException {
        return start(Map.of(), List.of(), args);
    }

    /**
     * Starts {@code ./hotbundle args} with variables added to the environment, behind a command prefix (another
     * user, a umask: see {@link #AS_NOBODY}, {@link #umask}).
     */
    public static Hotbundle start(Map<String, String> environment, List<String> prefix, String... args)
            throws IOException {
        var builder = new ProcessBuilder(command(prefix, args)).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return new Hotbundle(builder.start());
    }

    /** A prefix that runs the rest of the command under another umask. */
    public static List<String> umask(String mask) {
        return List.of("bash", "-c", "umask " + mask + " && exec \"$@\"", "umask");
    }

    /** What a short-lived run ({@code exec}, {@code shell}, a refused start) printed and its exit status. */
    public record Result(int status, String output) {

        public List<String> lines() {
            return output.lines().toList();
        }
    }

    /**
     * Runs {@code ./hotbundle args} with the given standard input, to completion: at most 60 s, after which it is
     * killed and the test fails with what it printed.
     */
    public static Result run(Map<String, String> environment, List<String> prefix, String input, String... args)
            throws Exception {
        var builder = new ProcessBuilder(command(prefix, args)).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Hotbundle run = new Hotbundle(builder.start());
        try (var stdin = run.process.getOutputStream()) {
            if (input != null) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            assertTrue("the run finished within 60 s; " + run.describe(), run.process.waitFor(60, TimeUnit.SECONDS));
            run.reader.join(TimeUnit.SECONDS.toMillis(10));
        } finally {
            run.close();
        }
        return new Result(run.process.exitValue(), String.join("", run.output.stream().map(l -> l + "\n").toList()));
    }

    public static Result run(String input, String... args) throws Exception {
        return run(Map.of(), List.of(), input, args);
    }

    private static List<String> command(List<String> prefix, String... args) {
        var command = new ArrayList<>(prefix);
        command.addAll(List.of("bash", script()));
        command.addAll(List.of(args));
        return command;
    }

    public static String script() {
        return System.getProperty("hotbundle.script");
    }

    /**
     * Where the container on {@code work} listens when {@code XDG_RUNTIME_DIR} is {@code runtimeDir}: README's
     * rule, written out again here so that a change to it shows.
     */
    public static Path consoleSocket(Path runtimeDir, Path work) throws IOException {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(work.toRealPath().toString().getBytes(StandardCharsets.UTF_8));
            return runtimeDir.resolve("hotbundle").resolve(HexFormat.of().formatHex(digest, 0, 8) + ".sock");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** A fresh folder under the build's scratch folder. */
    public static Path scratchFolder(String prefix) throws IOException {
        Path scratch = Files.createDirectories(Path.of(System.getProperty("hotbundle.scratch", "target/scratch")));
        return Files.createTempDirectory(scratch, prefix);
    }

    public List<String> output() {
        return output;
    }

    public Process process() {
        return process;
    }

    /** Waits until a line of output matches the pattern entirely. */
    public void awaitLine(String what, Pattern pattern) {
        try {
            Await.until(what, () -> output.stream().anyMatch(l -> pattern.matcher(l).matches()));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; " + describe(), e);
        }
    }

    public void awaitReady() {
        awaitLine("the ready line", READY);
    }

    /** The number of lines printed so far: a mark for {@link #awaitLine(String, int, Duration, Pattern)}. */
    public int mark() {
        return output.size();
    }

    /** Waits for a line printed at or after {@code from} that matches entirely; returns it. */
    public String awaitLine(String what, int from, Duration timeout, Pattern pattern) {
        try {
            return Await.value(what, timeout, () -> linesFrom(from).stream()
                    .filter(l -> pattern.matcher(l).matches()).findFirst().orElse(null));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; " + describe(), e);
        }
    }

    /** Lines printed at or after {@code from} that contain {@code text}. */
    public long count(int from, String text) {
        return linesFrom(from).stream().filter(l -> l.contains(text)).count();
    }

    private List<String> linesFrom(int from) {
        List<String> lines = List.copyOf(output); // a sublist of the live list fails once a line is added
        return lines.subList(Math.min(from, lines.size()), lines.size());
    }

    /** Waits at most {@code timeout} for the process to end by itself; returns its exit status. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        assertTrue("exited within " + timeout.toSeconds() + " s; " + describe(),
                process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS));
        return process.exitValue();
    }

    /** SIGTERM, then waits at most {@code timeout} for the exit status. */
    public int stop(Duration timeout) throws InterruptedException {
        stop();
        return awaitExit(timeout);
    }

    /** Whether a process it started (Maven, say) outlived it. */
    public boolean leftChildren() {
        return process.descendants().anyMatch(ProcessHandle::isAlive);
    }

    /** Waits (at most 30 s) for the process to end and returns its exit status. */
    public int awaitExit() throws InterruptedException {
        return awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM, as {@code kill} sends it. Process.destroy() would also close the output before it is read. */
    public void stop() {
        process.toHandle().destroy();
    }

    /** The process and its output so far, for a failure message. */
    public String describe() {
        String state = process.isAlive() ? "still running" : "exited with " + process.exitValue();
        return "the process (" + process.pid() + ") is " + state + "; its output: " + output;
    }

    /**
     * Stops what is still running: SIGTERM first, so that it removes its console socket as a user's stop does,
     * then SIGKILL after 30 s.
     */
    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
