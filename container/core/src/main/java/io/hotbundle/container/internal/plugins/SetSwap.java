package io.hotbundle.container.internal.plugins;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.WARNING;

import java.lang.System.Logger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.Bundle;

import io.hotbundle.api.ReloadEvent.Outcome;
import io.hotbundle.container.internal.handles.Gate;
import io.hotbundle.container.internal.handles.Gates;
import io.hotbundle.container.internal.reload.HoldSet;
import io.hotbundle.container.internal.reload.ReloadEvents;
import io.hotbundle.container.internal.reload.SwapEvent;

/**
 * One swap of a set of bundles, owned from announcement to outcome. The set is the bundle whose build changes and
 * every hosted bundle the framework would restart with it (its dependency closure: an API's implementations and
 * hosts, a library's users). All or nothing:
 * <ol>
 * <li>announce about-to-reload for every member while the old versions serve, and wait for the holds (bounded);</li>
 * <li>close every member's gate: calls through hot handles wait from now on; calls inside finish (bounded), and
 * may still call into other members meanwhile;</li>
 * <li>stop the members, users before what they use; each hands its state off, kept aside ({@link MemberSteps});</li>
 * <li>update the changed bundles, refresh, resolve, start the members, providers first, and prove that every one
 * of them serves (bounded);</li>
 * <li>if any of that fails, put every member back as it was, state included ({@link #rollBack});</li>
 * <li>open the gates: the waiting calls run on whichever versions serve now.</li>
 * </ol>
 * A set that is a removal (a file deleted) cannot be refused: what depends on the removed bundle and cannot
 * resolve any more waits for it instead of rolling anything back.
 *
 * <p>The caller records each member's outcome (history, then the registry) and only then announces it, so that
 * whoever hears of a swap finds the registry and the generation already saying so.
 */
final class SetSwap {

    private static final Logger LOG = System.getLogger("hotbundle");

    private final ReloadEvents events;
    private final Gates gates;
    private final MemberSteps steps;
    private final SwapSettings settings;

    SetSwap(ReloadEvents events, Gates gates, MemberSteps steps, SwapSettings settings) {
        this.events = events;
        this.gates = gates;
        this.steps = steps;
        this.settings = settings;
    }

    /** Runs the swap; every member's {@link Member#result} is set when this returns. */
    void run(List<Member> members, long transaction) throws InterruptedException {
        SwapSettings.Values now = settings.now();
        long began = System.nanoTime();
        String cause = cause(members);
        var announced = new ArrayList<SwapEvent>();
        for (Member m : members) {
            String to = m.next == null ? m.unit.version() : m.next.version().toString();
            m.announced = SwapEvent.aboutToReload(m.unit.name, m.unit.version(), to, m.unit.generation + 1,
                    m.changed() ? Optional.empty() : Optional.of(cause), transaction);
            if (!m.removed()) {
                announced.add(m.announced); // a removal is not a reload: it is logged, not announced
            }
        }
        var phases = new Phases();
        Map<String, List<String>> overran = awaitHolds(events.aboutToReload(announced, now.listener()), now.hold());
        members.forEach(m -> m.announced = m.announced.overranBy(overran.getOrDefault(m.unit.name, List.of())));
        phases.mark("announce");
        var closed = new ArrayList<Gate>();
        members.forEach(m -> closed.add(gates.of(m.unit.name)));
        for (int i = 0; i < members.size(); i++) {
            SwapEvent announcedSwap = members.get(i).announced;
            // Together: a member's call into another member, made before the gates closed, passes (see Gate).
            closed.get(i).close("the swap of " + announcedSwap.symbolicName() + " from " + announcedSwap.fromVersion()
                    + " to " + announcedSwap.toVersion(), closed);
        }
        long closedAt = System.nanoTime();
        try {
            drain(closed, members, now.drain());
            phases.mark("drain");
            swapBehindClosedGates(members, now, began, phases);
        } finally {
            closed.forEach(Gate::open);
        }
        Duration gateClosed = took(closedAt);
        members.forEach(m -> m.result = m.result.gateClosedFor(gateClosed));
        // The calls waiting at the gates run now; the swap counts as done once the handed-off state is on disk,
        // so that a crash from here on still finds the last state.
        steps.awaitStateWritten(members, now);
        phases.mark("state written");
        LOG.log(DEBUG, "swap of {0} ({1} members): {2}", members.get(0).unit.name, members.size(), phases);
    }

    private void swapBehindClosedGates(List<Member> members, SwapSettings.Values now, long began, Phases phases)
            throws InterruptedException {
        boolean removal = members.stream().anyMatch(Member::removed);
        try {
            steps.stopAll(members, now);
            phases.mark("stop");
            steps.apply(members, now);
            phases.mark("update");
            steps.startAll(members, now, removal);
            phases.mark("start and check");
            for (Member m : members) {
                String why = !m.missing.isEmpty() ? "waits for " + String.join(", ", m.missing) : m.failure;
                m.result = m.announced.ended(why == null ? Outcome.RELOADED : Outcome.FAILED, took(began), why);
            }
        } catch (SwapFailure failure) {
            members.forEach(m -> {
                m.retryLater = failure.waitsForRequirement();
                m.needs = failure.needs();
            });
            rollBack(members, now, began, failure.getMessage());
        }
    }

    /** Puts every member back to the build it had, with the state it handed off, and says who could not be. */
    private void rollBack(List<Member> members, SwapSettings.Values now, long began, String failure)
            throws InterruptedException {
        List<String> failedAgain = steps.restore(members, now);
        for (Member m : members) {
            String alsoFailed = failedAgain.stream().filter(f -> f.startsWith(m.unit.name + ": ")).findFirst()
                    .orElse(null);
            m.result = alsoFailed == null ? m.announced.ended(Outcome.ROLLED_BACK, took(began), failure)
                    : m.announced.ended(Outcome.FAILED, took(began), failure + "; the previous version did not come "
                            + "back: " + alsoFailed.substring(m.unit.name.length() + 2));
        }
    }

    /** Waits for the holds, bounded; returns, by member, who still held the swap when the time was up. */
    private Map<String, List<String>> awaitHolds(List<HoldSet> holds, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        var overranBy = new HashMap<String, List<String>>();
        for (HoldSet set : holds) {
            List<String> overran = set.awaitReleased(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (!overran.isEmpty()) {
                LOG.log(WARNING, "swap of {0} went on after the {1} ms hold timeout; still held by: {2}",
                        set.event().symbolicName(), timeout.toMillis(), String.join(", ", overran));
                overranBy.put(set.event().symbolicName(), overran);
            }
        }
        return overranBy;
    }

    private static void drain(List<Gate> closed, List<Member> members, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < closed.size(); i++) {
            int inside = closed.get(i).awaitDrained(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (inside > 0) {
                LOG.log(WARNING, "swap of {0} went on after the {1} ms drain timeout with {2} calls still running on {3}",
                        members.get(i).unit.name, timeout.toMillis(), inside, members.get(i).unit.version());
            }
        }
    }

    /** Why the unchanged members are restarted: "refreshed for com.acme.api 1.0.0 -> 1.1.0". */
    private static String cause(List<Member> members) {
        var changes = new ArrayList<String>();
        for (Member m : members) {
            if (m.removed()) {
                changes.add("removal of " + m.unit.name + " " + m.unit.version());
            } else if (m.changed()) {
                changes.add(m.unit.name + " " + m.unit.version() + " -> " + m.next.version());
            }
        }
        Collections.sort(changes);
        return "refreshed for " + String.join(", ", changes);
    }

    private static Duration took(long began) {
        return Duration.ofNanos(System.nanoTime() - began);
    }

    /** The member bundles, for reports. */
    static List<Bundle> bundles(List<Member> members) {
        return members.stream().map(m -> m.unit.bundle).toList();
    }
}
