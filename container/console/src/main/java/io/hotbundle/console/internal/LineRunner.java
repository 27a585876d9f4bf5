package io.hotbundle.console.internal;

import java.io.PrintWriter;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;

/** Runs command lines the same way for every console: the result printed, a failure printed as one line. */
final class LineRunner {

    private LineRunner() {
    }

    /**
     * What went wrong, for the operator. Gogo says that arguments fit none of a command's methods in its own
     * terms ({@code Cannot coerce reload() to any of [(String)]}); that is said in the operator's.
     */
    private static String message(String line, Exception e) {
        String message = e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        if (message.startsWith("Cannot coerce ")) {
            String command = line.trim().split("\\s+", 2)[0];
            return command + " does not take these arguments; help " + command + " says what it takes";
        }
        return message;
    }

    /**
     * Runs one line in the session.
     *
     * @return whether it succeeded
     */
    static boolean run(CommandSession session, String line, PrintWriter out) {
        try {
            Object result = session.execute(line);
            if (result != null) {
                String text = String.valueOf(session.format(result, Converter.INSPECT));
                out.print(text.endsWith("\n") ? text : text + "\n");
            }
            return true;
        } catch (Exception e) {
            // An operator's mistake is one line, never a stack trace.
            out.println("error: " + message(line, e));
            return false;
        } finally {
            out.flush();
        }
    }
}
