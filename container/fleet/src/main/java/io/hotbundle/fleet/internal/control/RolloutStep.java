package io.hotbundle.fleet.internal.control;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.hotbundle.fleet.internal.model.NodeStatus;
import io.hotbundle.fleet.internal.model.Phase;
import io.hotbundle.fleet.internal.model.PluginReport;
import io.hotbundle.fleet.internal.model.Rollout;
import io.hotbundle.fleet.internal.model.WavePlan;

/**
 * The controller's decision for one rollout, from what the fleet reports: a pure function, so that what a
 * rollout does is decided in one place and tested without ZooKeeper.
 *
 * <ul>
 * <li>Pending: the waves are planned from the live nodes, sorted by name, and the first is released.</li>
 * <li>Rolling: a node of a released wave that failed with the new version (rolled back, failed, refused) beyond
 * the plan's tolerance halts it, and so does the deadline. When every node of the released waves is live and
 * serves the new version, the bake starts; if one stops doing so, it starts again once all do. A wave baked for
 * the bake time releases the next; the last one completes the rollout.</li>
 * </ul>
 */
public final class RolloutStep {

    private RolloutStep() {
    }

    /**
     * What the rollout becomes now, or empty when nothing changes.
     *
     * @param rollout  as read
     * @param live     the nodes whose liveness znode exists
     * @param statuses every node's last report
     * @param now      epoch milliseconds
     * @param epoch    the controller's epoch, recorded in what it writes
     */
    public static Optional<Rollout> next(Rollout rollout, Set<String> live, Map<String, NodeStatus> statuses,
            long now, long epoch) {
        return switch (rollout.phase()) {
            case PENDING -> Optional.of(start(rollout, live, now, epoch));
            case ROLLING -> rolling(rollout, live, statuses, now, epoch);
            default -> Optional.empty();
        };
    }

    private static Rollout start(Rollout rollout, Set<String> live, long now, long epoch) {
        List<String> nodes = live.stream().sorted().toList();
        if (nodes.isEmpty()) {
            return rollout.with(Phase.HALTED, "no node is live", now, epoch);
        }
        return rollout.started(WavePlan.waves(nodes, rollout.plan()), now, epoch);
    }

    private static Optional<Rollout> rolling(Rollout rollout, Set<String> live, Map<String, NodeStatus> statuses,
            long now, long epoch) {
        String digest = rollout.to().sha256();
        var failures = new ArrayList<String>();
        var waiting = new ArrayList<String>();
        for (String node : rollout.releasedNodes()) {
            PluginReport report = report(statuses, node, rollout.plugin());
            if (report != null && digest.equals(report.targetSha256()) && report.outcome().failed()) {
                failures.add(node + " " + report.outcome().name().toLowerCase().replace('_', ' ') + " "
                        + rollout.to().version() + (report.cause() == null ? "" : ": " + report.cause()));
            } else if (!live.contains(node) || report == null || !report.serves(digest)) {
                waiting.add(node + (live.contains(node) ? "" : " (down)"));
            }
        }
        if (failures.size() > rollout.plan().failures()) {
            return Optional.of(rollout.with(Phase.HALTED, String.join("; ", failures), now, epoch));
        }
        if (now >= rollout.deadlineAt()) {
            return Optional.of(rollout.with(Phase.HALTED, "missed its deadline of "
                    + Duration.ofMillis(rollout.plan().deadlineMs()).toSeconds() + " s"
                    + (waiting.isEmpty() ? "" : ", waiting for " + String.join(", ", waiting)), now, epoch));
        }
        if (!waiting.isEmpty()) { // a tolerated failure is not waited for
            return rollout.bakeSince() == 0 ? Optional.empty() : Optional.of(rollout.baking(0, now, epoch));
        }
        if (rollout.bakeSince() == 0) {
            return Optional.of(rollout.baking(now, now, epoch));
        }
        if (now - rollout.bakeSince() < rollout.plan().bakeMs()) {
            return Optional.empty();
        }
        if (rollout.released() >= rollout.waves().size()) {
            return Optional.of(rollout.with(Phase.COMPLETED, "every node serves " + rollout.to().version(), now, epoch));
        }
        return Optional.of(rollout.nextWave(now, epoch));
    }

    private static PluginReport report(Map<String, NodeStatus> statuses, String node, String plugin) {
        NodeStatus status = statuses.get(node);
        return status == null ? null : status.plugin(plugin);
    }

    /** When the controller must look again even if nothing changes: the end of a bake, or the deadline. */
    public static long wakeAt(Rollout rollout) {
        if (rollout.phase() != Phase.ROLLING) {
            return Long.MAX_VALUE;
        }
        long bakeEnd = rollout.bakeSince() == 0 ? Long.MAX_VALUE : rollout.bakeSince() + rollout.plan().bakeMs();
        return Math.min(bakeEnd, rollout.deadlineAt());
    }
}
