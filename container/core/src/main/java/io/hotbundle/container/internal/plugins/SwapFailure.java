package io.hotbundle.container.internal.plugins;

/** A version that cannot serve. The message is one line, for the operator and the swap's history. */
final class SwapFailure extends Exception {

    private static final long serialVersionUID = 1L;

    SwapFailure(String reason) {
        super(reason, null, false, false);
    }

    /** The first line of a failure text, which for SCR and the framework is the part that names the cause. */
    static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return "no reason given";
        }
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }
}
