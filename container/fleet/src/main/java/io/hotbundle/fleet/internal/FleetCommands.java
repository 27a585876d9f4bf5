package io.hotbundle.fleet.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.hotbundle.fleet.internal.control.Operators;
import io.hotbundle.fleet.internal.model.Plan;
import io.hotbundle.fleet.internal.model.Release;

/**
 * {@code hot:fleet} and {@code hot:rollout}: an operator's view of the fleet and the levers of its rollouts, the
 * same on every node (and through {@code ./hotbundle exec}). Every mistake is one line.
 */
@Component(service = FleetCommands.class)
@GogoCommand(scope = "hot", function = {"fleet", "rollout"})
@Descriptor("operate a fleet of Hotbundle containers: see it, roll plugin versions out, pause, resume, abort, undo")
public final class FleetCommands {

    private static final Set<String> ACTIONS = Set.of("pause", "resume", "abort", "undo");

    private final FleetComponent component;

    @Activate
    public FleetCommands(@Reference FleetComponent component) {
        this.component = component;
    }

    @Descriptor("show the fleet: each node (live or down), what it serves of each plugin with the outcome and its "
            + "cause, the desired versions, and each rollout's phase and waves")
    public String fleet() throws Exception {
        return component.fleet().view();
    }

    @Descriptor("roll a version of a plugin out to every node of the fleet, in waves; or pause|resume|abort|undo "
            + "the rollout of a plugin")
    public String rollout(
            @Descriptor("how many nodes take the new version first, alone (default 0)")
            @Parameter(names = "--canary", absentValue = "0") int canary,
            @Descriptor("sizes of the waves after the canary, comma-separated, each a count or a percentage "
                    + "('2,50%', quoted); the nodes left over form a last wave (default: one wave)")
            @Parameter(names = "--waves", absentValue = "") String waves,
            @Descriptor("seconds every node of a wave must serve the new version before the next (default 0)")
            @Parameter(names = "--bake", absentValue = "0") double bake,
            @Descriptor("seconds the whole rollout may take before it halts (default 600)")
            @Parameter(names = "--deadline", absentValue = "600") double deadline,
            @Descriptor("how many nodes may fail before the rollout halts (default 0)")
            @Parameter(names = "--failures", absentValue = "0") int failures,
            @Descriptor("the SHA-256 the build must have (default: the repository's published .sha256, or the "
                    + "digest of the jar it holds)")
            @Parameter(names = "--sha256", absentValue = "") String sha256,
            @Descriptor("the plugin, as [groupId:]artifactId (its artifactId is its symbolic name); or pause, "
                    + "resume, abort, undo") String plugin,
            @Descriptor("the version to roll out; or, after an action, the plugin") String version) throws Exception {
        if (ACTIONS.contains(plugin)) {
            return act(plugin, version);
        }
        if (!sha256.isEmpty() && !sha256.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("--sha256 needs 64 hex digits");
        }
        List<String> sizes = waves.isBlank() ? List.of() : Arrays.stream(waves.split(",")).map(String::trim).toList();
        Plan plan = new Plan(canary, sizes, seconds(bake, "--bake"), seconds(deadline, "--deadline"), failures);
        Fleet fleet = component.fleet();
        Release release = fleet.release(plugin, version, sha256.isEmpty() ? null : sha256);
        return fleet.rollout(release, plan);
    }

    @Descriptor("pause, resume, abort or undo the one rollout under way (undo: or the last completed one)")
    public String rollout(@Descriptor("pause, resume, abort or undo") String action) throws Exception {
        if (!ACTIONS.contains(action)) {
            throw new IllegalArgumentException("hot:rollout needs a plugin and a version, or one of pause, resume, "
                    + "abort, undo; not '" + action + "'");
        }
        return act(action, null);
    }

    private String act(String action, String plugin) throws Exception {
        Operators operators = component.fleet().operators();
        return switch (action) {
            case "pause" -> operators.pause(plugin);
            case "resume" -> operators.resume(plugin);
            case "abort" -> operators.abort(plugin);
            default -> operators.undo(plugin);
        };
    }

    private static long seconds(double value, String option) {
        if (value < 0 || Double.isNaN(value) || value > 7 * 24 * 3600) {
            throw new IllegalArgumentException(option + " takes seconds, from 0 to a week");
        }
        return Math.round(value * 1000);
    }
}
