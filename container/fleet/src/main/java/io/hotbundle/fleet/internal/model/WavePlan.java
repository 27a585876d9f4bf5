package io.hotbundle.fleet.internal.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the nodes of a fleet into a rollout's waves: the canary first, then each wave's size, then the rest.
 * Nodes are taken in the order given (sorted by name), so the same fleet and plan always give the same waves.
 */
public final class WavePlan {

    private WavePlan() {
    }

    /** The waves for {@code nodes}; never an empty wave. */
    public static List<List<String>> waves(List<String> nodes, Plan plan) {
        var waves = new ArrayList<List<String>>();
        int next = Math.min(plan.canary(), nodes.size());
        if (next > 0) {
            waves.add(List.copyOf(nodes.subList(0, next)));
        }
        int afterCanary = nodes.size() - next;
        for (String wave : plan.waves()) {
            int size = Math.min(size(wave, afterCanary), nodes.size() - next);
            if (size > 0) {
                waves.add(List.copyOf(nodes.subList(next, next + size)));
                next += size;
            }
        }
        if (next < nodes.size()) {
            waves.add(List.copyOf(nodes.subList(next, nodes.size())));
        }
        return waves;
    }

    /**
     * The size of one wave: a count ({@code 2}) or a percentage ({@code 50%}, rounded up) of {@code total}.
     *
     * @throws IllegalArgumentException for anything else, in one line
     */
    public static int size(String wave, int total) {
        String text = wave.trim();
        try {
            if (text.endsWith("%")) {
                int percent = Integer.parseInt(text.substring(0, text.length() - 1));
                if (percent < 1 || percent > 100) {
                    throw new NumberFormatException();
                }
                return (int) Math.ceil(total * percent / 100.0);
            }
            int count = Integer.parseInt(text);
            if (count < 1) {
                throw new NumberFormatException();
            }
            return count;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a wave is a count of nodes (2) or a percentage (50%), not '" + wave + "'");
        }
    }
}
