package io.hotbundle.fleet.internal.control;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import java.lang.System.Logger;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.hotbundle.fleet.internal.model.NodeStatus;
import io.hotbundle.fleet.internal.model.Phase;
import io.hotbundle.fleet.internal.model.Rollout;
import io.hotbundle.fleet.internal.zk.FleetStore;
import io.hotbundle.fleet.internal.zk.FleetStore.ConflictException;
import io.hotbundle.fleet.internal.zk.FleetStore.Versioned;

/**
 * What the controller does with its epoch: claims one, then moves every rollout on ({@link RolloutStep}) with
 * writes that ZooKeeper takes only while the epoch is still the fleet's. A controller whose write is refused
 * because another claimed a newer epoch (it was paused, cut off, its session expired) stops at once: it never
 * advances a rollout on what it believed before. No threads: {@link Controller} calls it on its own.
 */
public final class RolloutDriver {

    private static final Logger LOG = System.getLogger("hotbundle");

    private final FleetStore store;
    private final String node;
    private Versioned<Long> epoch;

    public RolloutDriver(FleetStore store, String node) {
        this.store = store;
        this.node = node;
    }

    /** Claims a new epoch: from now on, the previous controller's writes fail. */
    public long claim() throws Exception {
        epoch = store.claimEpoch(node);
        LOG.log(INFO, "fleet: {0} controls the rollouts (epoch {1})", node, epoch.value());
        return epoch.value();
    }

    /** Whether this driver holds an epoch not known to be superseded. */
    public boolean leading() {
        return epoch != null;
    }

    /** Gives the epoch up (leadership lost). */
    public void release() {
        epoch = null;
    }

    /**
     * Moves every rollout on by one step.
     *
     * @return the earliest time at which a rollout must be looked at again without news, or {@code Long.MAX_VALUE}
     */
    public long drive(Set<String> live, Map<String, NodeStatus> statuses, long now) throws Exception {
        long wake = Long.MAX_VALUE;
        if (epoch == null) {
            return wake;
        }
        for (Versioned<Rollout> current : store.rollouts()) {
            Optional<Rollout> next = RolloutStep.next(current.value(), live, statuses, now, epoch.value());
            Rollout rollout = current.value();
            if (next.isPresent()) {
                try {
                    write(next.get(), current.version());
                    rollout = next.get();
                    log(current.value(), rollout);
                } catch (ConflictException e) {
                    if (superseded()) {
                        return Long.MAX_VALUE;
                    }
                    wake = now; // an operator wrote meanwhile: look again at once
                    continue;
                }
            }
            wake = Math.min(wake, RolloutStep.wakeAt(rollout));
        }
        return wake;
    }

    private void write(Rollout rollout, int version) throws Exception {
        if (rollout.phase() == Phase.COMPLETED) {
            store.putRolloutAndDesired(rollout, version, rollout.to(), FleetStore.OptionalInt.of(epoch.version()));
        } else {
            store.putRolloutFenced(rollout, version, epoch.version());
        }
    }

    /** After a refused write: true (and the epoch dropped) when another controller claimed a newer epoch. */
    private boolean superseded() throws Exception {
        Optional<Versioned<FleetStore.Epoch>> now = store.epoch();
        if (now.isPresent() && now.get().version() == epoch.version()) {
            return false;
        }
        LOG.log(WARNING, "fleet: {0} no longer controls the rollouts: epoch {1} was superseded{2}", node,
                epoch.value(), now.map(e -> " by epoch " + e.value().epoch() + " of " + e.value().node()).orElse(""));
        epoch = null;
        return true;
    }

    private static void log(Rollout before, Rollout after) {
        String what = after.plugin() + " " + after.to().version();
        if (before.phase() != after.phase()) {
            switch (after.phase()) {
                case ROLLING -> LOG.log(INFO, "fleet: rollout of {0} started: waves {1}", what, after.waves());
                case COMPLETED -> LOG.log(INFO, "fleet: rollout of {0} completed", what);
                case HALTED -> LOG.log(WARNING, "fleet: rollout of {0} halted: {1}; every node goes back to {2}", what,
                        after.cause(), after.from() == null ? "not hosting it" : after.from().version());
                default -> LOG.log(INFO, "fleet: rollout of {0}: {1}", what, after.phase());
            }
        } else if (after.released() > before.released()) {
            LOG.log(INFO, "fleet: rollout of {0}: {1} released ({2})", what, after.progress(),
                    String.join(", ", after.waves().get(after.released() - 1)));
        }
    }
}
