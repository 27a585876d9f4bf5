package io.hotbundle.container.internal.plugins;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a swap's time went, step by step, for the DEBUG log ({@code log:set DEBUG hotbundle}): a swap that got
 * slower says which step grew. Confined to the deployer's thread; one clock read a step, and no text unless the
 * log asks for it (formatting numbers on every swap cost more than the clock).
 */
final class Phases {

    private final List<String> steps = new ArrayList<>(8);
    private final long[] marks = new long[16];
    private int count;

    Phases() {
        marks[count++] = System.nanoTime();
    }

    /** Ends the step that ran since the last mark. */
    void mark(String step) {
        if (count < marks.length) {
            steps.add(step);
            marks[count++] = System.nanoTime();
        }
    }

    @Override
    public String toString() {
        var text = new StringBuilder();
        for (int i = 0; i < steps.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(steps.get(i)).append(' ')
                    .append(String.format(Locale.ROOT, "%.2f", (marks[i + 1] - marks[i]) / 1e6));
        }
        return text + " ms";
    }
}
