package io.hotbundle.itests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code ./hotbundle --no-console} (or another command) as a separate process, its output collected line by
 * line. For tests and benchmarks that look at the container from outside.
 */
public final class ContainerProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("hotbundle ready in \\d+ ms, watching .+");

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();

    private ContainerProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            var in = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8);
            try (var lines = new BufferedReader(in)) {
                for (String line; (line = lines.readLine()) != null; ) {
                    output.add(line);
                }
            } catch (IOException e) {
                output.add("(output closed: " + e + ")");
            }
        }, "container-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the container on the folders, with JVM options in {@code JAVA_OPTS}, and waits for its ready line. */
    public static ContainerProcess start(Path deploy, Path work, String javaOptions) throws IOException {
        var command = new ArrayList<>(List.of("bash", System.getProperty("hotbundle.script"), "--no-console",
                "--deploy", deploy.toString(), "--work", work.toString()));
        return start(command, Map.of("JAVA_OPTS", javaOptions), READY);
    }

    /** Starts another command (another container, say) and waits until it prints a line matching {@code ready}. */
    public static ContainerProcess start(List<String> command, Map<String, String> environment, Pattern ready)
            throws IOException {
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        var started = new ContainerProcess(builder.start());
        started.awaitLine("the ready line", ready, Await.DEFAULT.multipliedBy(3));
        return started;
    }

    public long pid() {
        return process.pid();
    }

    public List<String> output() {
        return List.copyOf(output);
    }

    /** Sends a signal (STOP, CONT...) with {@code kill}. */
    public void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    public void awaitLine(String what, Pattern pattern) {
        awaitLine(what, pattern, Await.DEFAULT);
    }

    public void awaitLine(String what, Pattern pattern, Duration timeout) {
        try {
            Await.until(what, timeout, () -> output.stream().anyMatch(l -> pattern.matcher(l).matches()));
        } catch (AssertionError e) {
            String state = process.isAlive() ? "still running" : "exited with " + process.exitValue();
            throw new AssertionError(e.getMessage() + "; the container (" + process.pid() + ") is " + state
                    + "; its output: " + output, e);
        }
    }

    /** SIGTERM (after a SIGCONT, should it be stopped), then a bounded wait; SIGKILL if it did not stop. */
    @Override
    public void close() throws InterruptedException {
        try {
            signal("CONT");
        } catch (IOException | IllegalStateException e) {
            // Gone already.
        }
        process.toHandle().destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
