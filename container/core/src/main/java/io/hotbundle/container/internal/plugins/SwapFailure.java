package io.hotbundle.container.internal.plugins;

/** A version that cannot serve. The message is one line, for the operator and the swap's history. */
final class SwapFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean timedOut;

    SwapFailure(String reason) {
        this(reason, false);
    }

    private SwapFailure(String reason, boolean timedOut) {
        super(reason, null, false, false);
        this.timedOut = timedOut;
    }

    /** A step that did not finish in its time. */
    static SwapFailure timeout(String reason) {
        return new SwapFailure(reason, true);
    }

    boolean timedOut() {
        return timedOut;
    }

    /**
     * The root cause in a stack trace as text (SCR reports a failed activation so): the last {@code Caused by}
     * line, since the first line names only the wrapper (an InvocationTargetException, a ComponentException).
     */
    static String rootCause(String stackTrace) {
        String cause = null;
        for (String line : stackTrace == null ? new String[0] : stackTrace.split("\n")) {
            if (line.startsWith("Caused by: ")) {
                cause = line.substring("Caused by: ".length()).strip();
            }
        }
        return cause != null ? cause : firstLine(stackTrace);
    }

    /** The first line of a failure text, which for the framework is the part that names the cause. */
    static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return "no reason given";
        }
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }
}
