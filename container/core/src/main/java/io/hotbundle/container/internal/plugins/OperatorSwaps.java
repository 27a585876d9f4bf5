package io.hotbundle.container.internal.plugins;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.hotbundle.api.ReloadEvent;
import io.hotbundle.container.internal.admission.Admission;
import io.hotbundle.container.internal.artifacts.Artifact;
import io.hotbundle.container.internal.deploy.InvalidArchiveException;

/**
 * What an operator asks of one hosted bundle (reload it from its file now, put its previous build back), run as
 * the same transaction a changed file gets, on the deployer's worker thread.
 */
final class OperatorSwaps {

    private final Units units;
    private final Admission admission;
    private final Swaps swaps;
    private final Outcomes outcomes;
    private final Reconciler reconciler;

    OperatorSwaps(Units units, Admission admission, Swaps swaps, Outcomes outcomes, Reconciler reconciler) {
        this.units = units;
        this.admission = admission;
        this.swaps = swaps;
        this.outcomes = outcomes;
        this.reconciler = reconciler;
    }

    /** Reads the unit's file again and swaps to it, also when unchanged, rolled back or paused. */
    void reload(String name, CompletableFuture<ReloadEvent> result) throws InterruptedException {
        Unit unit = known(name, result);
        if (unit == null) {
            return;
        }
        if (unit.file == null) {
            result.completeExceptionally(new IllegalStateException(name + " has no file to read again"));
            return;
        }
        Artifact artifact;
        try {
            artifact = admission.admit(unit.file, reconciler.policy(), symbolicName -> java.util.Optional.empty());
        } catch (InvalidArchiveException e) {
            result.completeExceptionally(new IllegalStateException(unit.file.getFileName() + ": " + e.getMessage()));
            return;
        }
        unit.rejectedDigest = null;
        swap(unit, new Plan.Target(artifact, unit.file), result);
    }

    /** Puts back the build that served before the current one, as a swap; its newer build is not tried again. */
    void rollBack(String name, CompletableFuture<ReloadEvent> result) throws InterruptedException {
        Unit unit = known(name, result);
        if (unit == null) {
            return;
        }
        if (unit.previous == null) {
            result.completeExceptionally(new IllegalStateException(name + " has no previous version in this run"));
            return;
        }
        String leaving = unit.artifact.digest();
        // The folder still holds the newer file: it stays the unit's file, and its build is not tried again until
        // it changes, as after an automatic rollback.
        swap(unit, new Plan.Target(unit.previous, unit.file), result);
        if (result.isDone() && !result.isCompletedExceptionally()
                && result.join().outcome() == ReloadEvent.Outcome.RELOADED) {
            unit.rejectedDigest = leaving;
        }
    }

    private void swap(Unit unit, Plan.Target target, CompletableFuture<ReloadEvent> result) throws InterruptedException {
        if (!unit.served()) {
            result.completeExceptionally(new IllegalStateException(unit.name + " has not served yet; "
                    + "it starts when what it needs arrives"));
            return;
        }
        swaps.run(Map.of(unit, target), List.of(), members -> {
            outcomes.settled(members);
            members.stream().filter(m -> m.unit == unit).findFirst().ifPresent(m -> result.complete(m.result));
        });
        if (!result.isDone()) {
            result.completeExceptionally(new IllegalStateException(unit.problem == null
                    ? unit.name + " was not swapped" : unit.problem));
        }
        reconciler.republish();
    }

    private Unit known(String name, CompletableFuture<ReloadEvent> result) {
        Unit unit = units.named(name).orElse(null);
        if (unit == null) {
            result.completeExceptionally(new IllegalArgumentException("no plugin " + name));
        }
        return unit;
    }
}
