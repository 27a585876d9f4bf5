package io.hotbundle.console.internal;

import java.io.PrintWriter;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;

/** Runs command lines the same way for every console: the result printed, a failure printed as one line. */
final class LineRunner {

    private LineRunner() {
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
            out.println("error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return false;
        } finally {
            out.flush();
        }
    }
}
