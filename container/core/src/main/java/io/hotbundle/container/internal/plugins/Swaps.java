package io.hotbundle.container.internal.plugins;

import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;

import java.lang.System.Logger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.FrameworkWiring;

import io.hotbundle.api.PluginStatus;
import io.hotbundle.api.ReloadEvent.Outcome;
import io.hotbundle.container.internal.artifacts.Artifact;
import io.hotbundle.container.internal.graph.PreCheck;
import io.hotbundle.container.internal.reload.ReloadEvents;
import io.hotbundle.container.internal.reload.SwapEvent;

/**
 * Carries out the swaps and removals of a plan as transactions ({@link SetSwap}): changes whose restart sets
 * overlap become one transaction, the others run apart, so that one failure never takes an unrelated plugin back.
 * A set that cannot resolve is refused before anything stops ({@link PreCheck}); a build refused or rolled back
 * only for something no hosted bundle provides stays a candidate, tried again when the hosted bundles change.
 */
final class Swaps {

    private static final Logger LOG = System.getLogger("hotbundle");

    /** What a transaction leaves to the reconciler: the members, each with its final event. */
    interface Outcomes {
        void settled(List<Member> members);
    }

    private final Units units;
    private final FrameworkWiring wiring;
    private final PreCheck preCheck;
    private final SetSwap setSwap;
    private final ReloadEvents events;
    private final Reconciler.Publisher publisher;
    private final AtomicLong transactions = new AtomicLong();

    Swaps(Units units, FrameworkWiring wiring, PreCheck preCheck, SetSwap setSwap, ReloadEvents events,
            Reconciler.Publisher publisher) {
        this.publisher = publisher;
        this.units = units;
        this.wiring = wiring;
        this.preCheck = preCheck;
        this.setSwap = setSwap;
        this.events = events;
    }

    /** Runs every group of the changes; {@code outcomes} hears each transaction's members as it ends. */
    void run(Map<Unit, Plan.Target> swaps, List<Unit> removals, Outcomes outcomes) throws InterruptedException {
        for (Map<Unit, Plan.Target> group : groups(swaps, removals)) {
            boolean removal = group.values().stream().anyMatch(t -> t == null);
            if (!removal && refusedBeforehand(group)) {
                continue;
            }
            List<Member> members = members(group);
            setSwap.run(members, transactions.incrementAndGet());
            outcomes.settled(members);
        }
    }

    /** Refuses the group when its new set cannot resolve; true when refused. Nothing has stopped then. */
    private boolean refusedBeforehand(Map<Unit, Plan.Target> group) {
        var replaced = new LinkedHashMap<Bundle, Artifact>();
        group.forEach((unit, target) -> replaced.put(unit.bundle, target.artifact()));
        List<String> problems = preCheck.problems(replaced, List.of());
        if (problems.isEmpty()) {
            return false;
        }
        String why = String.join("; ", problems);
        long transaction = transactions.incrementAndGet();
        var refused = new ArrayList<SwapEvent>();
        group.forEach((unit, target) -> {
            String problem = "rolled back " + target.artifact().version() + ": refused before anything stopped: "
                    + why + "; tried again when the hosted bundles change";
            if (problem.equals(unit.problem)) {
                return; // retried with nothing new: said already
            }
            unit.candidate = target.artifact();
            unit.candidateFile = target.file();
            unit.status(unit.served() ? PluginStatus.ROLLED_BACK : unit.status, problem);
            LOG.log(ERROR, "swap of {0} to {1} refused before anything stopped: {2}", unit.name,
                    target.artifact().version(), why);
            var event = SwapEvent.aboutToReload(unit.name, unit.version(), target.artifact().version().toString(),
                    unit.generation + 1, java.util.Optional.empty(), transaction)
                    .ended(Outcome.ROLLED_BACK, java.time.Duration.ZERO, "refused before anything stopped: " + why);
            events.record(event);
            refused.add(event);
        });
        // History, then registry, then announcement, as for any swap.
        publisher.publish(group.keySet());
        refused.forEach(events::announce);
        return true;
    }

    /** The group's members: the changed bundles and every hosted bundle the framework would restart with them. */
    private List<Member> members(Map<Unit, Plan.Target> group) {
        var bundles = new ArrayList<Bundle>();
        group.keySet().forEach(u -> bundles.add(u.bundle));
        var members = new ArrayList<Member>();
        for (Bundle bundle : wiring.getDependencyClosure(bundles)) {
            units.of(bundle).ifPresent(unit -> {
                Plan.Target target = group.get(unit);
                boolean isTarget = group.containsKey(unit);
                members.add(new Member(unit, isTarget ? (target == null ? null : target.artifact()) : unit.artifact,
                        isTarget ? (target == null ? null : target.file()) : unit.file, isTarget));
            });
        }
        return members;
    }

    /** Changes whose restart sets share a bundle, grouped; removals carry a null target. */
    private List<Map<Unit, Plan.Target>> groups(Map<Unit, Plan.Target> swaps, List<Unit> removals) {
        var changes = new LinkedHashMap<Unit, Plan.Target>(swaps);
        removals.forEach(u -> changes.put(u, null));
        var groups = new ArrayList<Map<Unit, Plan.Target>>();
        var groupIds = new ArrayList<Set<Long>>();
        for (Map.Entry<Unit, Plan.Target> change : changes.entrySet()) {
            Set<Long> closure = new HashSet<>();
            wiring.getDependencyClosure(List.of(change.getKey().bundle)).forEach(b -> closure.add(b.getBundleId()));
            Map<Unit, Plan.Target> joined = new LinkedHashMap<>();
            joined.put(change.getKey(), change.getValue());
            for (int i = groups.size() - 1; i >= 0; i--) {
                boolean sameKind = (change.getValue() == null) == groups.get(i).containsValue(null);
                if (sameKind && !java.util.Collections.disjoint(groupIds.get(i), closure)) {
                    joined.putAll(groups.remove(i));
                    closure.addAll(groupIds.remove(i));
                }
            }
            groups.add(joined);
            groupIds.add(closure);
        }
        return groups;
    }

}
