package io.hotbundle.container.internal.plugins;

import java.util.concurrent.TimeUnit;

/**
 * Where a swap's time went, step by step, for the DEBUG log ({@code log:set DEBUG hotbundle}): a swap that got
 * slower says which step grew. Confined to the deployer's thread; two clock reads a step.
 */
final class Phases {

    private final StringBuilder text = new StringBuilder();
    private long last = System.nanoTime();

    /** Ends the step that ran since the last mark. */
    void mark(String step) {
        long now = System.nanoTime();
        text.append(text.length() == 0 ? "" : ", ").append(step).append(' ')
                .append(String.format("%.2f", (now - last) / (double) TimeUnit.MILLISECONDS.toNanos(1)));
        last = now;
    }

    @Override
    public String toString() {
        return text + " ms";
    }
}
