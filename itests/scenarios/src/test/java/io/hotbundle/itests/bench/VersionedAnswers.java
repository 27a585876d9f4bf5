package io.hotbundle.itests.bench;

import java.util.List;

/**
 * Checks an answer of the greeter fixture swapped through patch versions ({@code Hello, world (1.0.N)}): it must
 * come, and come from a version no older than the one serving when the call began.
 */
final class VersionedAnswers {

    private VersionedAnswers() {
    }

    /** Adds to {@code failures} what is wrong with the answer; {@code atLeast} is read before the call. */
    static void check(String answer, long atLeast, List<String> failures) {
        if (answer == null || !answer.startsWith("Hello, world (1.0.")) {
            failures.add("answer: " + answer);
        } else if (Long.parseLong(answer.substring(answer.lastIndexOf('.') + 1, answer.length() - 1)) < atLeast) {
            failures.add("stale: " + answer + " after 1.0." + atLeast + " was reloaded");
        }
    }
}
