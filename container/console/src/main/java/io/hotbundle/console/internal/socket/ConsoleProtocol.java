package io.hotbundle.console.internal.socket;

/**
 * The console's line protocol, shared by the container and {@code hotbundle exec}/{@code shell}. The client
 * sends one line; the container answers with lines, then one line {@link #END} followed by a status (0 when it
 * succeeded, 1 when it failed). A line is either a command line, run through Gogo, or a request: a line that
 * starts with NUL, which no command line does. An older container runs a request as a command, which fails, so
 * a client that gets status 1 goes on without the answer.
 */
public final class ConsoleProtocol {

    /** What starts the line that ends an answer. */
    public static final String END = "\u0000exit ";

    /** A request: the rest of the line is a command line up to the cursor; the answer, one completion a line. */
    public static final String COMPLETE = "\u0000complete ";

    /** What starts every request. */
    public static final char REQUEST = '\u0000';

    private ConsoleProtocol() {
    }
}
