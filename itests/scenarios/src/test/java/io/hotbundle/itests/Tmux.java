package io.hotbundle.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real pseudo-terminal, typed at and read back as a person sees it: a tmux server of the test's own (so that
 * nothing is shared with another tmux on the machine), one window, ended with the test. CI installs tmux; a test
 * that needs it is skipped, with the reason, where it is missing.
 */
public final class Tmux implements AutoCloseable {

    private final String server = "hotbundle-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    private int windows;

    public static boolean available() throws IOException, InterruptedException {
        return run("tmux", "-V").startsWith("tmux");
    }

    /**
     * Runs a shell command line in a new window of 160 x 50 and returns the window's name. A person's terminal
     * delivers Ctrl-C's SIGINT; a test runner may have started this JVM (and so tmux) with SIGINT ignored, which
     * the command would inherit, so the command runs with it reset. The window's own shell ignores it: SIGINT
     * reaches the whole foreground process group, and a shell that exits on it (dash does, even when its child
     * handled the signal and exited 0) would take the window, the exit status and the tmux server with it.
     */
    public String open(String command) throws IOException, InterruptedException {
        String window = "w" + windows++;
        String line = "trap '' INT; env --default-signal=INT " + command + "; echo EXIT=$?; sleep 600";
        if (windows == 1) {
            run("tmux", "-L", server, "new-session", "-d", "-s", "it", "-n", window, "-x", "160", "-y", "50", line);
        } else {
            run("tmux", "-L", server, "new-window", "-d", "-t", "it", "-n", window, line);
        }
        return window;
    }

    /** Keys as tmux names them: text, {@code Enter}, {@code Tab}, {@code Up}, {@code C-c}, {@code C-d}. */
    public void type(String window, String... keys) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of("tmux", "-L", server, "send-keys", "-t", "it:" + window));
        command.addAll(List.of(keys));
        run(command.toArray(String[]::new));
    }

    /** What the window shows, with up to 200 lines of its scrollback. */
    public String screen(String window) throws IOException, InterruptedException {
        return run("tmux", "-L", server, "capture-pane", "-p", "-t", "it:" + window, "-S", "-200");
    }

    public void await(String window, String what, Predicate<String> condition) throws Exception {
        try {
            Await.until(what, () -> {
                try {
                    return condition.test(screen(window));
                } catch (IOException | InterruptedException e) {
                    return false;
                }
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the screen:\n" + screen(window), e);
        }
    }

    /** The last line of the screen that is not empty: where the prompt and the line being typed are. */
    public static String lastLine(String screen) {
        List<String> lines = screen.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1).stripTrailing();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("tmux", "-L", server, "kill-server");
    }

    private static String run(String... command) throws IOException, InterruptedException {
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("TMUX");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return "";
        }
        byte[] output = process.getInputStream().readAllBytes();
        process.waitFor(30, TimeUnit.SECONDS);
        return new String(output, StandardCharsets.UTF_8);
    }
}
