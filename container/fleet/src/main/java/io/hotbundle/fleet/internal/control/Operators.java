package io.hotbundle.fleet.internal.control;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.hotbundle.fleet.internal.model.Phase;
import io.hotbundle.fleet.internal.model.Plan;
import io.hotbundle.fleet.internal.model.Release;
import io.hotbundle.fleet.internal.model.Rollout;
import io.hotbundle.fleet.internal.zk.FleetStore;
import io.hotbundle.fleet.internal.zk.FleetStore.ConflictException;
import io.hotbundle.fleet.internal.zk.FleetStore.Versioned;

/**
 * What an operator asks of a rollout, from any node: start one, pause, resume, abort or undo it. Each is one
 * compare-and-set on the rollout's znode (with the desired release, for undo), so two operators, or an operator
 * and the controller, never overwrite each other: the one who loses is told in one line. The controller does the
 * rest.
 */
public final class Operators {

    private final FleetStore store;
    private final String node;

    public Operators(FleetStore store, String node) {
        this.store = store;
        this.node = node;
    }

    /** Asks for a rollout of {@code to}; fails in one line when one of the plugin is under way. */
    public String rollout(Release to, Plan plan) throws Exception {
        store.ensureFolders();
        Optional<Versioned<Rollout>> last = store.rollout(to.plugin());
        if (last.isPresent() && last.get().value().phase().active()) {
            Rollout busy = last.get().value();
            throw new IllegalStateException("a rollout of " + to.plugin() + " to " + busy.to().version() + " is "
                    + busy.phase().name().toLowerCase() + " (" + busy.progress() + "): abort it first");
        }
        Release from = store.desired(to.plugin()).map(Versioned::value).orElse(null);
        if (from != null && from.sha256().equals(to.sha256())) {
            throw new IllegalStateException("the fleet serves " + to.plugin() + " " + from.label() + " already");
        }
        long id = last.map(r -> r.value().id() + 1).orElse(1L);
        Rollout rollout = Rollout.requested(id, from, to, plan, "asked on " + node, System.currentTimeMillis());
        write(() -> store.putRollout(rollout, last.map(Versioned::version).orElse(-1)));
        return "rollout " + id + " of " + to.plugin() + " " + (from == null ? "(new)" : from.version()) + " -> "
                + to.label() + " asked: " + describe(plan) + "; follow it with hot:fleet";
    }

    public String pause(String plugin) throws Exception {
        Versioned<Rollout> current = active(plugin, "pause");
        if (current.value().phase() == Phase.PAUSED) {
            return "the rollout of " + current.value().plugin() + " is paused already";
        }
        write(() -> store.putRollout(current.value().paused(System.currentTimeMillis()), current.version()));
        return "paused the rollout of " + current.value().plugin() + " at " + current.value().progress()
                + ": nodes keep what they serve";
    }

    public String resume(String plugin) throws Exception {
        Versioned<Rollout> current = active(plugin, "resume");
        if (current.value().phase() != Phase.PAUSED) {
            return "the rollout of " + current.value().plugin() + " is not paused";
        }
        write(() -> store.putRollout(current.value().resumed(System.currentTimeMillis()), current.version()));
        return "resumed the rollout of " + current.value().plugin();
    }

    public String abort(String plugin) throws Exception {
        Versioned<Rollout> current = active(plugin, "abort");
        Rollout aborted = current.value().with(Phase.ABORTED, "aborted on " + node, System.currentTimeMillis(), 0);
        write(() -> store.putRollout(aborted, current.version()));
        return "aborted the rollout of " + aborted.plugin() + ": every node goes back to " + previous(aborted);
    }

    /** Puts the previous release back on every node: aborts a rollout under way, or takes a completed one back. */
    public String undo(String plugin) throws Exception {
        Versioned<Rollout> current = find(plugin, r -> r.phase().active() || r.phase() == Phase.COMPLETED, "undo");
        if (current.value().phase().active()) {
            return abort(current.value().plugin());
        }
        Rollout undone = current.value().with(Phase.UNDONE, "undone on " + node, System.currentTimeMillis(), 0);
        write(() -> store.putRolloutAndDesired(undone, current.version(), undone.from(), FleetStore.OptionalInt.NONE));
        return "undid the rollout of " + undone.plugin() + " " + undone.to().version() + ": every node goes back to "
                + previous(undone);
    }

    private Versioned<Rollout> active(String plugin, String verb) throws Exception {
        return find(plugin, r -> r.phase().active(), verb);
    }

    private Versioned<Rollout> find(String plugin, java.util.function.Predicate<Rollout> which, String verb)
            throws Exception {
        List<Versioned<Rollout>> candidates = store.rollouts().stream().filter(r -> which.test(r.value()))
                .filter(r -> plugin == null || r.value().plugin().equals(plugin)).toList();
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        if (candidates.isEmpty()) {
            throw new IllegalStateException("no rollout to " + verb + (plugin == null ? "" : " for " + plugin));
        }
        throw new IllegalStateException("more than one rollout to " + verb + ": name the plugin ("
                + String.join(", ", candidates.stream().map(r -> r.value().plugin()).toList()) + ")");
    }

    private static String previous(Rollout rollout) {
        return rollout.from() == null ? "not hosting " + rollout.plugin() : rollout.from().version();
    }

    static String describe(Plan plan) {
        return (plan.canary() == 0 ? "no canary" : "canary " + plan.canary()) + ", waves "
                + (plan.waves().isEmpty() ? "all" : String.join(",", plan.waves()) + ",rest") + ", bake "
                + Duration.ofMillis(plan.bakeMs()).toMillis() / 1000.0 + " s, deadline "
                + Duration.ofMillis(plan.deadlineMs()).toSeconds() + " s, failures tolerated " + plan.failures();
    }

    @FunctionalInterface
    private interface Write {
        void run() throws Exception;
    }

    private static void write(Write write) throws Exception {
        try {
            write.run();
        } catch (ConflictException e) {
            throw new IllegalStateException("the rollout changed meanwhile; look with hot:fleet and try again");
        }
    }
}
