package io.hotbundle.launcher;

import java.io.IOException;
import java.nio.file.Path;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import io.hotbundle.console.internal.socket.OwnerOnly;

/**
 * {@code hotbundle shell} on a terminal: the terminal console's line editing on this side of the socket. Tab
 * asks the container what may follow (commands; plugin names after a {@code hot:} command), so it offers what
 * serves now; history is kept in the work folder, in an owner-only file. Ctrl-C drops the line being typed,
 * or, while a command runs, leaves (the command cannot be taken back from the container, but nobody should have
 * to wait for it); Ctrl-D or {@code exit} leaves.
 */
final class InteractiveShell {

    static final String PROMPT = "hot> ";

    private static final String HISTORY = "shell-history";
    private static final int EXIT_INTERRUPTED = 130;

    private InteractiveShell() {
    }

    static int run(ConsoleConnection connection, Path work) throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().name("hotbundle shell").system(true).dumb(true).build()) {
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("hotbundle")
                    .completer(completer(connection))
                    .variable(LineReader.HISTORY_FILE, OwnerOnly.file(work.resolve(HISTORY)))
                    .build();
            // While a line is read, JLine takes Ctrl-C itself (UserInterruptException below); this is the rest.
            terminal.handle(Terminal.Signal.INT, signal -> {
                System.err.println(System.lineSeparator() + "hotbundle: left the shell; the command goes on in the"
                        + " container");
                System.exit(EXIT_INTERRUPTED);
            });
            while (true) {
                String line;
                try {
                    line = reader.readLine(PROMPT).trim();
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    return 0;
                }
                if (line.equals("exit")) {
                    return 0;
                }
                if (!line.isEmpty()) {
                    connection.run(line, System.out);
                    System.out.flush();
                }
            }
        }
    }

    /** Completes from the container's answer to the line up to the cursor; JLine matches it to the word typed. */
    private static Completer completer(ConsoleConnection connection) {
        return (reader, line, candidates) -> {
            try {
                for (String value : connection.complete(line.line().substring(0, line.cursor()))) {
                    candidates.add(new Candidate(value));
                }
            } catch (IOException e) {
                // The container went away; the next command says so.
            }
        };
    }
}
