package io.hotbundle.container.internal.plugins;

/**
 * A version that cannot serve, or a step that did not finish. The message is one line, for the operator and the
 * swap's history. A step that did not finish in its time says which thread is stuck in it, so that the bundle
 * can be left behind rather than waited for.
 */
final class SwapFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Thread stuck;
    private final boolean waiting;

    SwapFailure(String reason) {
        this(reason, null, false);
    }

    private SwapFailure(String reason, Thread stuck, boolean waiting) {
        super(reason, null, false, false);
        this.stuck = stuck;
        this.waiting = waiting;
    }

    /** A step that did not finish in its time; {@code stuck} is the thread still inside it. */
    static SwapFailure stuck(String reason, Thread stuck) {
        return new SwapFailure(reason, stuck, false);
    }

    /** A version that needs something no hosted bundle provides: it may serve once that arrives. */
    static SwapFailure waiting(String reason) {
        return new SwapFailure(reason, null, true);
    }

    /** The thread stuck in the step, when the step did not finish; null otherwise. */
    Thread stuckThread() {
        return stuck;
    }

    /** Whether only a missing requirement stands in the way, so that the build is worth trying again later. */
    boolean waitsForRequirement() {
        return waiting;
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
