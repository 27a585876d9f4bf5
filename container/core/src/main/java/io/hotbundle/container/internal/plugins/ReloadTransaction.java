package io.hotbundle.container.internal.plugins;

import static java.lang.System.Logger.Level.WARNING;

import java.lang.System.Logger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

import io.hotbundle.api.ReloadEvent;
import io.hotbundle.api.ReloadEvent.Outcome;
import io.hotbundle.api.state.SavedState;
import io.hotbundle.container.internal.deploy.BundleArchive;
import io.hotbundle.container.internal.handles.Gate;
import io.hotbundle.container.internal.handles.Gates;
import io.hotbundle.container.internal.leaks.LeakWatch;
import io.hotbundle.container.internal.reload.HoldSet;
import io.hotbundle.container.internal.reload.ReloadEvents;
import io.hotbundle.container.internal.state.StateStore;

/**
 * One plugin swap, owned from announcement to outcome:
 * <ol>
 * <li>announce about-to-reload while the old version serves, and wait for the holds it gathers (bounded);</li>
 * <li>close the plugin's gate: calls through hot handles wait there from now on, and the calls already inside
 * finish on the old version (bounded);</li>
 * <li>stop the old version (its components hand their state off), and keep that state aside;</li>
 * <li>update, refresh if needed, start the new version and prove that its components activate (bounded);</li>
 * <li>if any of that fails, stop what started, put the state aside back (the new version may have saved its
 * own), put the previous version back from the bytes the container kept, and prove that it serves again;</li>
 * <li>open the gate: the waiting calls run on whichever version serves now.</li>
 * </ol>
 * The caller records the outcome (history, then its own state) and only then announces it
 * ({@link ReloadEvents#announce}), so that whoever hears of a swap finds the registry and the generation
 * already saying so.
 */
final class ReloadTransaction {

    private static final Logger LOG = System.getLogger("hotbundle");

    private final BundleOperations operations;
    private final BoundedLifecycle lifecycle;
    private final ReloadEvents events;
    private final StateStore states;
    private final Gates gates;
    private final LeakWatch leaks;
    private final SwapSettings settings;

    ReloadTransaction(BundleOperations operations, BoundedLifecycle lifecycle, ReloadEvents events,
            StateStore states, Gates gates, LeakWatch leaks, SwapSettings settings) {
        this.gates = gates;
        this.leaks = leaks;
        this.operations = operations;
        this.lifecycle = lifecycle;
        this.events = events;
        this.states = states;
        this.settings = settings;
    }

    /**
     * Swaps the plugin's bundle from {@code previous} to {@code next}.
     *
     * @return the final event: {@code RELOADED}, {@code ROLLED_BACK} (the previous version serves) or
     *         {@code FAILED} (neither serves)
     */
    ReloadEvent swap(Bundle bundle, BundleArchive previous, long generation, BundleArchive next)
            throws InterruptedException {
        long began = System.nanoTime();
        var announced = new ReloadEvent(next.symbolicName(), previous.version().toString(),
                next.version().toString(), generation + 1, Instant.now(), Duration.ZERO, Outcome.ABOUT_TO_RELOAD,
                Optional.empty());
        HoldSet holds = events.aboutToReload(announced, settings.listener());
        Duration holdTimeout = settings.hold();
        List<String> overran = holds.awaitReleased(holdTimeout);
        if (!overran.isEmpty()) {
            LOG.log(WARNING, "swap of {0} went on after the {1} ms hold timeout; still held by: {2}",
                    next.symbolicName(), holdTimeout.toMillis(), String.join(", ", overran));
        }
        Gate gate = gates.of(next.symbolicName());
        gate.close("the swap of " + next.symbolicName() + " from " + announced.fromVersion() + " to "
                + announced.toVersion());
        int stillInside = gate.awaitDrained(settings.drain());
        if (stillInside > 0) {
            LOG.log(WARNING, "swap of {0} went on after the {1} ms drain timeout with {2} calls still running on {3}",
                    next.symbolicName(), settings.drain().toMillis(), stillInside, announced.fromVersion());
        }
        try {
            return swapBehindClosedGate(bundle, previous, next, announced, began);
        } finally {
            gate.open();
            states.awaitWritten(next.symbolicName(), settings.deactivation()); // done only once the state is on disk
        }
    }

    private ReloadEvent swapBehindClosedGate(Bundle bundle, BundleArchive previous, BundleArchive next,
            ReloadEvent announced, long began) throws InterruptedException {
        Optional<SavedState> handedOff = Optional.empty();
        try {
            stop(bundle);
            handedOff = states.get(next.symbolicName());
            LeakWatch.Retiring old = leaks.retiring(bundle);
            update(bundle, next);
            lifecycle.startAndCheckReplacement(bundle);
            leaks.retired(old);
            return outcome(announced, began, Outcome.RELOADED, null);
        } catch (SwapFailure failure) {
            try {
                stop(bundle);
                states.reset(next.symbolicName(), handedOff);
                LeakWatch.Retiring failed = leaks.retiring(bundle);
                update(bundle, previous);
                lifecycle.startAndCheck(bundle);
                leaks.retired(failed);
                return outcome(announced, began, Outcome.ROLLED_BACK, failure.getMessage());
            } catch (SwapFailure alsoFailed) {
                return outcome(announced, began, Outcome.FAILED,
                        failure.getMessage() + "; the previous version did not come back: " + alsoFailed.getMessage());
            }
        }
    }

    private void stop(Bundle bundle) throws SwapFailure, InterruptedException {
        lifecycle.stop(bundle);
    }

    private void update(Bundle bundle, BundleArchive archive) throws SwapFailure, InterruptedException {
        try {
            operations.update(bundle, archive);
        } catch (BundleException | TimeoutException | IllegalStateException e) {
            throw new SwapFailure(SwapFailure.firstLine(e.getMessage()));
        }
    }

    private static ReloadEvent outcome(ReloadEvent announced, long began, Outcome outcome, String failure) {
        return new ReloadEvent(announced.symbolicName(), announced.fromVersion(), announced.toVersion(),
                announced.generation(), announced.started(), Duration.ofNanos(System.nanoTime() - began), outcome,
                Optional.ofNullable(failure));
    }
}
