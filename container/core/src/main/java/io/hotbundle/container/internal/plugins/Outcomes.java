package io.hotbundle.container.internal.plugins;

import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;

import java.lang.System.Logger;
import java.util.List;

import io.hotbundle.api.PluginStatus;
import io.hotbundle.container.internal.reload.ReloadEvents;

/**
 * Settles a finished transaction: each member's outcome goes to the history first, then to the unit (and so to the
 * registry), and only then is it announced, so that whoever hears of a swap finds the history, the registry and the
 * generation already saying so. The builds that now serve are kept for crash recovery, after the announcement: it
 * need not delay the new version.
 */
final class Outcomes {

    private static final Logger LOG = System.getLogger("hotbundle");

    private final ReloadEvents events;
    private final LastGood lastGood;
    private final Reconciler.Publisher publisher;
    private final Units units;

    Outcomes(ReloadEvents events, LastGood lastGood, Reconciler.Publisher publisher, Units units) {
        this.events = events;
        this.lastGood = lastGood;
        this.publisher = publisher;
        this.units = units;
    }

    void settled(List<Member> members) {
        members.stream().filter(m -> !m.removed()).forEach(m -> events.record(m.result));
        for (Member m : members) {
            if (!m.removed()) {
                settle(m);
            }
        }
        publisher.publish(units.withNeighbours(members.stream().map(m -> m.unit).toList()));
        members.stream().filter(m -> !m.removed()).forEach(m -> events.announce(m.result));
        for (Member m : members) {
            if (m.target && !m.removed() && m.outcome() == io.hotbundle.api.ReloadEvent.Outcome.RELOADED) {
                lastGood.keep(m.unit.name, m.next, m.nextFile);
            }
        }
    }

    private void settle(Member m) {
        Unit unit = m.unit;
        String from = unit.version();
        long millis = m.result.duration().toMillis();
        String failure = m.result.failure().orElse("");
        switch (m.result.outcome()) {
            case RELOADED -> {
                unit.served(m.next, m.nextFile);
                if (m.target) {
                    LOG.log(INFO, "swapped {0} {1} -> {2} from {3} in {4} ms (generation {5})", unit.name, from,
                            unit.version(), m.nextFile == null ? "?" : m.nextFile.getFileName(), millis, unit.generation);
                } else {
                    LOG.log(INFO, "restarted {0} {1} ({2}, generation {3})", unit.name, unit.version(),
                            m.result.cause().orElse(""), unit.generation);
                }
            }
            case ROLLED_BACK -> {
                if (m.target) {
                    rolledBack(m, failure);
                    if (!m.retryLater) {
                        lastGood.rolledBack(unit.name, m.next.digest());
                    }
                    LOG.log(ERROR, "swap of {0} to {1} failed: {2}; rolled back, {3} serves again", unit.name,
                            m.next.version(), failure, from);
                }
            }
            default -> {
                if (!m.missing.isEmpty()) {
                    unit.waiting(m.missing, failure);
                } else {
                    unit.status(PluginStatus.FAILED, failure);
                    if (m.target && m.next != null) {
                        unit.rejectedDigest = m.next.digest();
                    }
                }
                LOG.log(ERROR, "{0} does not serve after the swap: {1}", unit.name, failure);
            }
        }
    }

    /** A build rolled back only for a missing requirement stays a candidate; any other is not tried again. */
    private static void rolledBack(Member m, String failure) {
        Unit unit = m.unit;
        if (m.retryLater) {
            unit.candidate(m.next, m.nextFile, m.needs);
            unit.status(PluginStatus.ROLLED_BACK, "rolled back " + m.next.version() + ": " + failure
                    + "; tried again when the hosted bundles change");
        } else {
            unit.rejectedDigest = m.next.digest();
            unit.noCandidate();
            unit.status(PluginStatus.ROLLED_BACK, "rolled back " + m.next.version() + ": " + failure);
        }
    }
}
