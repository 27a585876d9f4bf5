package io.hotbundle.fleet.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.hotbundle.fleet.internal.model.NodeStatus;
import io.hotbundle.fleet.internal.model.PluginReport;
import io.hotbundle.fleet.internal.model.Release;
import io.hotbundle.fleet.internal.model.Rollout;
import io.hotbundle.fleet.internal.node.Attempt;
import io.hotbundle.fleet.internal.zk.FleetStore;
import io.hotbundle.fleet.internal.zk.FleetStore.Versioned;

/**
 * What {@code hot:fleet} prints: the fleet's nodes (live or down) and, for each plugin, the version each serves,
 * the outcome and its cause; the desired releases; each rollout's phase and progress. Without ZooKeeper, what
 * this node serves and since when ZooKeeper is unreachable.
 */
final class FleetView {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private FleetView() {
    }

    static String fleet(FleetStore store, FleetSettings settings, String controller) throws Exception {
        var out = new StringBuilder("fleet ").append(settings.fleet()).append(" on ZooKeeper ")
                .append(settings.connect()).append(": connected as ").append(settings.node())
                .append(", controller ").append(controller).append('\n');
        Set<String> live = store.live();
        Map<String, NodeStatus> statuses = store.statuses();
        var nodes = new TreeSet<String>(live);
        nodes.addAll(statuses.keySet());
        out.append(String.format("%-16s %-5s %-36s %-14s %-12s %s%n", "NODE", "STATE", "PLUGIN", "VERSION", "OUTCOME",
                "SINCE"));
        for (String node : nodes) {
            NodeStatus status = statuses.get(node);
            String state = live.contains(node) ? "live" : "down";
            if (status == null || status.plugins().isEmpty()) {
                out.append(String.format("%-16s %-5s %s%n", node, state, "(nothing from the fleet)"));
                continue;
            }
            for (var entry : status.plugins().entrySet()) {
                PluginReport report = entry.getValue();
                out.append(String.format("%-16s %-5s %-36s %-14s %-12s %s%n", node, state, entry.getKey(),
                        report.version() == null ? "-" : report.version(), outcome(report.outcome().name()),
                        TIME.format(Instant.ofEpochMilli(report.time()))));
                if (report.cause() != null) {
                    out.append("    ").append(report.cause()).append('\n');
                }
            }
        }
        DesiredState wanted = DesiredState.read(store);
        var desired = new ArrayList<String>();
        wanted.desired().forEach((plugin, release) -> desired.add(plugin + " " + release.value().label()));
        out.append("desired: ").append(desired.isEmpty() ? "nothing yet" : String.join(", ", desired)).append('\n');
        for (Versioned<Rollout> versioned : wanted.rollouts()) {
            out.append(rollout(versioned.value())).append('\n');
        }
        return out.toString();
    }

    /**
     * The desired releases and the rollouts as of one moment. A rollout that completes, or is undone, changes its
     * plugin's desired release in the same transaction; but reading them takes two reads, and a transaction between
     * them printed "completed, every node serves 2.0.0" under a desired release still at 1.0.0. So the desired
     * releases are read again after the rollouts: unchanged, no such transaction came between the reads.
     */
    private record DesiredState(Map<String, Versioned<Release>> desired, List<Versioned<Rollout>> rollouts) {

        /** Reads again while the desired releases change under the reads; a fleet that never settles gets the last. */
        private static final int MOST_READS = 10;

        static DesiredState read(FleetStore store) throws Exception {
            Map<String, Versioned<Release>> desired = store.desiredReleases();
            for (int reads = 1; ; reads++) {
                List<Versioned<Rollout>> rollouts = store.rollouts();
                Map<String, Versioned<Release>> after = store.desiredReleases();
                if (after.equals(desired) || reads == MOST_READS) {
                    return new DesiredState(after, rollouts);
                }
                desired = after;
            }
        }
    }

    static String rollout(Rollout r) {
        String from = Optional.ofNullable(r.from()).map(Release::version).orElse("(new)");
        var line = new StringBuilder("rollout ").append(r.id()).append(" of ").append(r.plugin()).append(' ')
                .append(from).append(" -> ").append(r.to().version()).append(": ").append(r.phase().name().toLowerCase());
        if (!r.waves().isEmpty()) {
            line.append(", ").append(r.progress()).append(' ').append(r.waves());
        }
        if (r.bakeSince() > 0 && r.phase() == io.hotbundle.fleet.internal.model.Phase.ROLLING) {
            line.append(", baking since ").append(TIME.format(Instant.ofEpochMilli(r.bakeSince())));
        }
        if (r.cause() != null) {
            line.append("; ").append(r.cause());
        }
        return line.toString();
    }

    /** This node's own view, when ZooKeeper cannot be asked. */
    static String offline(FleetSettings settings, Instant since, Map<String, Attempt> attempts) {
        var out = new StringBuilder("fleet ").append(settings.fleet()).append(": ZooKeeper ").append(settings.connect())
                .append(" is unreachable since ").append(TIME.format(since)).append("; node ").append(settings.node())
                .append(" keeps serving what it serves:\n");
        List<String> lines = new ArrayList<>();
        attempts.forEach((plugin, attempt) -> lines.add(String.format("  %-36s %-14s %s", plugin,
                attempt.target() == null ? "-" : attempt.target().version(), outcome(attempt.outcome().name()))));
        out.append(lines.isEmpty() ? "  nothing from the fleet\n" : String.join("\n", lines) + "\n");
        return out.toString();
    }

    private static String outcome(String name) {
        return name.toLowerCase().replace('_', ' ');
    }
}
