package io.hotbundle.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The other end of the container's remote console: {@code hotbundle exec} and {@code hotbundle shell}. It finds
 * the container by its work folder (derived from the deploy folder, as the container does) through a
 * {@link ConsoleConnection}. On a terminal, the shell edits lines with JLine ({@link InteractiveShell}); from a
 * pipe or a file, it reads plain lines, so scripts can feed it commands.
 */
final class ConsoleClient {

    private static final int EXIT_FAILURE = 1;

    private ConsoleClient() {
    }

    /** Runs one command; its output goes to stdout, and its status becomes the exit status. */
    static int exec(LaunchOptions options) {
        try (ConsoleConnection connection = ConsoleConnection.open(options)) {
            int status = connection.run(options.command(), System.out);
            System.out.flush();
            return status;
        } catch (IOException | IllegalStateException e) {
            System.err.println("hotbundle: " + e.getMessage());
            return EXIT_FAILURE;
        }
    }

    /** Reads command lines and runs each, until end of input or {@code exit}. */
    static int shell(LaunchOptions options) {
        try (ConsoleConnection connection = ConsoleConnection.open(options)) {
            System.out.println("connected to the container on " + options.deploy() + " (exit or Ctrl-D to leave)");
            if (System.console() != null) {
                return InteractiveShell.run(connection, options.work());
            }
            return readPlainLines(connection);
        } catch (IOException | IllegalStateException e) {
            System.err.println("hotbundle: " + e.getMessage());
            return EXIT_FAILURE;
        }
    }

    private static int readPlainLines(ConsoleConnection connection) throws IOException {
        var stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (true) {
            System.out.print(InteractiveShell.PROMPT);
            System.out.flush();
            String line = stdin.readLine();
            if (line == null || line.trim().equals("exit")) {
                return 0;
            }
            connection.run(line, System.out);
        }
    }
}
