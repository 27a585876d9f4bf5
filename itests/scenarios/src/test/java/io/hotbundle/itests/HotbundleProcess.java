package io.hotbundle.itests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** {@code ./hotbundle} run as a separate process, as a user runs it, with every line it prints kept. */
public final class HotbundleProcess implements AutoCloseable {

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();

    private HotbundleProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
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

    /** Starts {@code ./hotbundle ARGS} with the given environment variables added (JAVA_OPTS, say). */
    public static HotbundleProcess start(Map<String, String> environment, String... args) throws IOException {
        var command = new ArrayList<>(List.of("bash", System.getProperty("hotbundle.script")));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return new HotbundleProcess(builder.start());
    }

    /** Every line printed so far. */
    public List<String> output() {
        return output;
    }

    /** The number of lines printed so far: a mark for {@link #awaitLine}. */
    public int mark() {
        return output.size();
    }

    /** Waits for a line printed at or after {@code from} that matches; returns it. */
    public String awaitLine(String what, int from, Duration timeout, Pattern pattern) {
        try {
            return Await.value(what, timeout, () -> find(from, pattern).orElse(null));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the process is " + (process.isAlive() ? "running"
                    : "gone (exit " + process.exitValue() + ")") + "; its output:\n" + String.join("\n", output), e);
        }
    }

    private Optional<String> find(int from, Pattern pattern) {
        List<String> lines = List.copyOf(output); // a sublist of the live list fails once a line is added
        return lines.subList(Math.min(from, lines.size()), lines.size()).stream()
                .filter(l -> pattern.matcher(l).matches()).findFirst();
    }

    /** Lines printed at or after {@code from} that contain {@code text}. */
    public long count(int from, String text) {
        List<String> lines = List.copyOf(output);
        return lines.subList(Math.min(from, lines.size()), lines.size()).stream().filter(l -> l.contains(text)).count();
    }

    /** Waits for the process to end by itself; returns its exit status. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + timeout.toSeconds() + " s; output:\n"
                    + String.join("\n", output));
        }
        return process.exitValue();
    }

    /** SIGTERM, as Ctrl-C or kill sends it; returns the exit status. */
    public int stop(Duration timeout) throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running " + timeout.toSeconds() + " s after SIGTERM; output:\n"
                    + String.join("\n", output));
        }
        return process.exitValue();
    }

    /** Whether a process it started (Maven, say) outlived it. */
    public boolean leftChildren() {
        return process.descendants().anyMatch(ProcessHandle::isAlive);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
