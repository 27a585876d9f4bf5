package io.hotbundle.fleet.internal.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.hotbundle.fleet.internal.model.NodeStatus;
import io.hotbundle.fleet.internal.model.Outcome;
import io.hotbundle.fleet.internal.model.Phase;
import io.hotbundle.fleet.internal.model.Plan;
import io.hotbundle.fleet.internal.model.PluginReport;
import io.hotbundle.fleet.internal.model.Release;
import io.hotbundle.fleet.internal.model.Rollout;

class RolloutStepTest {

    private static final String OLD = "a".repeat(64);
    private static final String NEW = "b".repeat(64);
    private static final Release FROM = new Release("greeter", "1.0.0", "g:greeter:1.0.0", OLD);
    private static final Release TO = new Release("greeter", "2.0.0", "g:greeter:2.0.0", NEW);
    private static final Set<String> LIVE = Set.of("n1", "n2", "n3", "n4", "n5");

    private final Map<String, NodeStatus> statuses = new HashMap<>();

    @Test
    void aPendingRolloutPlansCanaryThenWavesFromTheLiveNodesSortedByName() {
        Rollout started = step(pending(new Plan(1, List.of("50%"), 2_000, 60_000, 0)), 1_000);
        assertEquals(Phase.ROLLING, started.phase());
        assertEquals(List.of(List.of("n1"), List.of("n2", "n3"), List.of("n4", "n5")), started.waves());
        assertEquals(List.of("n1"), started.releasedNodes());
    }

    @Test
    void aWaveAdvancesOnlyAfterEveryNodeServedForTheBakeTime() {
        Rollout rolling = step(pending(new Plan(1, List.of(), 2_000, 60_000, 0)), 1_000);
        assertTrue(RolloutStep.next(rolling, LIVE, statuses, 1_100, 1).isEmpty(), "n1 does not serve 2.0.0 yet");
        serving("n1", NEW);
        Rollout baking = step(rolling, 1_200);
        assertEquals(1_200, baking.bakeSince());
        assertTrue(RolloutStep.next(baking, LIVE, statuses, 3_100, 1).isEmpty(), "baked 1.9 s of 2");
        Rollout next = step(baking, 3_200);
        assertEquals(2, next.released());
        assertEquals(0, next.bakeSince());
    }

    @Test
    void aNodeThatStopsServingDuringTheBakeStartsItAgain() {
        serving("n1", NEW);
        Rollout baking = step(step(pending(new Plan(1, List.of(), 2_000, 60_000, 0)), 1_000), 1_100);
        Rollout reset = RolloutStep.next(baking, Set.of("n2", "n3", "n4", "n5"), statuses, 1_500, 1).orElseThrow();
        assertEquals(0, reset.bakeSince(), "n1 is down");
    }

    @Test
    void aRollbackOnANodeOfAReleasedWaveHaltsTheRollout() {
        Rollout rolling = step(pending(new Plan(1, List.of(), 0, 60_000, 0)), 1_000);
        statuses.put("n1", new NodeStatus("n1", 0, Map.of("greeter",
                new PluginReport("1.0.0", OLD, "2.0.0", NEW, Outcome.ROLLED_BACK, "failed to activate", 0))));
        Rollout halted = step(rolling, 1_100);
        assertEquals(Phase.HALTED, halted.phase());
        assertTrue(halted.cause().startsWith("n1 rolled back 2.0.0: failed to activate"), halted.cause());
        assertFalse(halted.released("n1"), "every node goes back to the previous release");
        assertEquals(FROM, halted.targetFor("n1").orElseThrow());
    }

    @Test
    void aToleratedFailureIsNotWaitedFor() {
        Rollout rolling = step(pending(new Plan(0, List.of(), 0, 60_000, 1)), 1_000);
        statuses.put("n1", new NodeStatus("n1", 0, Map.of("greeter",
                new PluginReport("1.0.0", OLD, "2.0.0", NEW, Outcome.REFUSED, "digest mismatch", 0))));
        for (String node : List.of("n2", "n3", "n4", "n5")) {
            serving(node, NEW);
        }
        Rollout baking = step(rolling, 1_100);
        assertEquals(Phase.COMPLETED, step(baking, 1_200).phase());
    }

    @Test
    void aMissedDeadlineHaltsTheRolloutAndSaysWhoItWaitedFor() {
        Rollout rolling = step(pending(new Plan(0, List.of(), 0, 5_000, 0)), 1_000);
        Rollout halted = RolloutStep.next(rolling, Set.of("n1", "n2", "n3", "n4"), statuses, 6_000, 1).orElseThrow();
        assertEquals(Phase.HALTED, halted.phase());
        assertTrue(halted.cause().contains("deadline of 5 s") && halted.cause().contains("n5 (down)"), halted.cause());
    }

    @Test
    void aPausedRolloutDoesNotMoveAndItsPauseDoesNotCountAgainstTheDeadline() {
        Rollout rolling = step(pending(new Plan(0, List.of(), 0, 5_000, 0)), 1_000);
        Rollout paused = rolling.paused(2_000);
        assertTrue(RolloutStep.next(paused, LIVE, statuses, 100_000, 1).isEmpty());
        assertEquals(6_000 + 98_000, paused.resumed(100_000).deadlineAt());
    }

    private Rollout pending(Plan plan) {
        return Rollout.requested(1, FROM, TO, plan, "test", 0);
    }

    private Rollout step(Rollout rollout, long now) {
        return RolloutStep.next(rollout, LIVE, statuses, now, 1).orElseThrow();
    }

    private void serving(String node, String digest) {
        statuses.put(node, new NodeStatus(node, 0, Map.of("greeter",
                new PluginReport("2.0.0", digest, "2.0.0", digest, Outcome.SERVING, null, 0))));
    }
}
