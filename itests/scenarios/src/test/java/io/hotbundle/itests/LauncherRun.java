package io.hotbundle.itests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code ./hotbundle} run as a separate process, as a user runs it, with its output collected line by line for
 * tests that wait for lines.
 */
final class LauncherRun implements AutoCloseable {

    static final Pattern READY = Pattern.compile("hotbundle ready in \\d+ ms, watching .+/ \\(\\d+ plugins?\\)");

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();

    private LauncherRun(Process process) {
        this.process = process;
    }

    /** Starts {@code ./hotbundle} with the given arguments. */
    static LauncherRun start(String... args) throws IOException {
        var command = new ArrayList<>(List.of("bash", System.getProperty("hotbundle.script")));
        command.addAll(List.of(args));
        var run = new LauncherRun(new ProcessBuilder(command).redirectErrorStream(true).start());
        Thread reader = new Thread(run::collect, "launcher-output");
        reader.setDaemon(true);
        reader.start();
        return run;
    }

    private void collect() {
        try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                output.add(line);
            }
        } catch (IOException e) {
            output.add("(output closed: " + e + ")");
        }
    }

    /** Waits for a line that matches the pattern entirely; fails with the process's state and output. */
    void awaitLine(String what, Pattern pattern) {
        try {
            Await.until(what, () -> output.stream().anyMatch(l -> pattern.matcher(l).matches()));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the process (" + process.pid() + ") " + state()
                    + "; its output: " + output, e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String state() {
        return process.isAlive() ? "is still running" : "exited with " + process.exitValue();
    }

    List<String> output() {
        return List.copyOf(output);
    }

    /**
     * SIGTERM, as {@code kill} sends it, then waits for the exit.
     *
     * @return the exit status
     */
    int terminate() throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("did not exit within 30 s of SIGTERM; output: " + output);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
