package io.hotbundle.fleet.internal.model;

import java.util.List;

/**
 * How a rollout proceeds: a canary wave, then waves, each released only when every node of the waves before it
 * serves the new version and stayed healthy for the bake time.
 *
 * @param canary     how many nodes take the new version first, alone (0: no canary)
 * @param waves      the sizes of the waves after the canary, each a count ({@code 2}) or a percentage of the nodes
 *                   after the canary ({@code 50%}); the nodes left over form a last wave
 * @param bakeMs     how long every node of a wave must serve the new version before the next wave
 * @param deadlineMs how long the whole rollout may take (paused time not counted); past it, it halts
 * @param failures   how many nodes may fail (roll back, refuse) before the rollout halts
 */
public record Plan(int canary, List<String> waves, long bakeMs, long deadlineMs, int failures) {

    public Plan {
        waves = waves == null ? List.of() : List.copyOf(waves);
        if (canary < 0 || bakeMs < 0 || deadlineMs <= 0 || failures < 0) {
            throw new IllegalArgumentException("a plan's numbers must not be negative, and its deadline positive");
        }
        for (String wave : waves) {
            WavePlan.size(wave, 100); // checks the syntax
        }
    }
}
