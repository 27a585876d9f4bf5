package io.hotbundle.container.internal.plugins;

import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import java.lang.System.Logger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

import io.hotbundle.api.PluginInfo;
import io.hotbundle.api.PluginStatus;
import io.hotbundle.api.ReloadEvent;
import io.hotbundle.container.internal.deploy.BundleArchive;
import io.hotbundle.container.internal.deploy.DeployFiles;
import io.hotbundle.container.internal.deploy.InvalidArchiveException;
import io.hotbundle.container.internal.reload.ReloadEvents;

/**
 * Decides what a file means for the plugins (install, swap, wait, refuse, remove) and carries it out.
 * Confined to the deployer's worker thread.
 */
final class Reconciler {

    /** Where the reconciler publishes what other threads may read. */
    interface Snapshots {
        void publish(PluginInfo info);

        void forget(String symbolicName);
    }

    private static final Logger LOG = System.getLogger("hotbundle");

    private final BundleOperations operations;
    private final BoundedLifecycle lifecycle;
    private final ReloadTransaction transaction;
    private final ReloadEvents events;
    private final Admission admission;
    private final Predicate<String> paused;
    private final Snapshots snapshots;
    private final LastGood lastGood;
    private final Recovery recovery;
    private final Map<String, Plugin> plugins = new HashMap<>();
    private final Map<String, Path> waitingForResume = new HashMap<>();

    Reconciler(BundleOperations operations, BoundedLifecycle lifecycle, ReloadTransaction transaction,
            ReloadEvents events, SwapSettings settings, Predicate<String> paused, Snapshots snapshots,
            LastGood lastGood) {
        this.admission = new Admission(operations, settings);
        this.lastGood = lastGood;
        this.recovery = new Recovery(operations, lifecycle, events, lastGood);
        this.operations = operations;
        this.lifecycle = lifecycle;
        this.transaction = transaction;
        this.events = events;
        this.paused = paused;
        this.snapshots = snapshots;
    }

    /** Brings the plugins in line with the file as it is now. */
    void reconcile(Path file) throws InterruptedException {
        if (Files.exists(file)) {
            deploy(file);
        } else {
            removed(file);
        }
    }

    /** Applies what waited while the plugin was paused, and shows it as serving again. */
    void resumed(String symbolicName) throws InterruptedException {
        Path waiting = waitingForResume.remove(symbolicName);
        Plugin plugin = plugins.get(symbolicName);
        if (plugin != null) {
            publish(plugin);
        }
        if (waiting != null) {
            reconcile(waiting);
        }
    }

    void resumedAll() throws InterruptedException {
        for (String symbolicName : new ArrayList<>(plugins.keySet())) {
            resumed(symbolicName);
        }
    }

    /** Shows a newly paused plugin as paused. */
    void republish(String symbolicName) {
        Plugin plugin = plugins.get(symbolicName);
        if (plugin != null) {
            publish(plugin);
        }
    }

    void republishAll() {
        plugins.values().forEach(this::publish);
    }

    private void deploy(Path file) throws InterruptedException {
        Optional<BundleArchive> admitted = admission.admit(file, servingNote(file));
        if (admitted.isEmpty()) {
            return;
        }
        BundleArchive archive = admitted.get();
        String name = archive.symbolicName();
        Plugin plugin = plugins.get(name);
        if (plugin == null) {
            install(archive);
        } else if (archive.digest().equals(plugin.archive.digest())) {
            plugin.file = file;
        } else if (archive.digest().equals(plugin.rejectedDigest)) {
            LOG.log(INFO, "skipped {0}: this build of {1} was rolled back; it is tried again when the file changes",
                    file.getFileName(), name);
        } else if (admission.refusesDowngrade(plugin, archive)) {
            plugin.rejectedDigest = archive.digest();
        } else if (paused.test(name)) {
            waitingForResume.put(name, file);
            LOG.log(INFO, "{0} is paused: {1} waits for resume", name, file.getFileName());
        } else if (plugin.status == PluginStatus.FAILED) {
            retry(plugin, archive);
        } else {
            swap(plugin, archive, file);
        }
    }

    private void install(BundleArchive archive) throws InterruptedException {
        long began = System.nanoTime();
        Bundle bundle;
        try {
            bundle = operations.install(archive);
        } catch (BundleException e) {
            LOG.log(ERROR, "could not install {0}: {1}", archive.file().getFileName(), e.getMessage());
            return;
        }
        var plugin = new Plugin(bundle, archive);
        plugins.put(plugin.symbolicName, plugin);
        startFresh(plugin, "deployed", began);
    }

    /** A plugin that never served: there is nothing to roll back to, so this is a plain second try. */
    private void retry(Plugin plugin, BundleArchive archive) throws InterruptedException {
        long began = System.nanoTime();
        try {
            operations.replace(plugin.bundle, archive);
        } catch (BundleException | TimeoutException e) {
            plugin.status(PluginStatus.FAILED, SwapFailure.firstLine(e.getMessage()));
            publish(plugin);
            return;
        }
        plugin.swapped(archive);
        startFresh(plugin, "deployed", began);
    }

    private void startFresh(Plugin plugin, String verb, long began) throws InterruptedException {
        try {
            lifecycle.startAndCheck(plugin.bundle);
            plugin.status(PluginStatus.SERVING, null);
            events.generation(plugin.symbolicName, plugin.generation);
            lastGood.keep(plugin.archive);
            LOG.log(INFO, "{0} {1} {2} from {3} (bundle {4}) in {5} ms", verb, plugin.symbolicName, plugin.version(),
                    plugin.file.getFileName(), plugin.bundle.getBundleId(), millisSince(began));
        } catch (SwapFailure e) {
            LOG.log(ERROR, "{0} {1} from {2} does not serve: {3}", plugin.symbolicName, plugin.version(),
                    plugin.file.getFileName(), e.getMessage());
            if (!recovery.fallBack(plugin, e.getMessage())) {
                plugin.status(PluginStatus.FAILED, e.getMessage());
            }
        }
        publish(plugin);
    }

    /** An operator's reload: the plugin's file again, swapped even if unchanged, rolled back or paused. */
    void reloadNow(String symbolicName, CompletableFuture<ReloadEvent> result) throws InterruptedException {
        Plugin plugin = plugins.get(symbolicName);
        if (plugin == null) {
            result.completeExceptionally(new IllegalArgumentException("no plugin " + symbolicName));
            return;
        }
        BundleArchive archive;
        try {
            archive = BundleArchive.read(plugin.file);
        } catch (InvalidArchiveException e) {
            result.completeExceptionally(new IllegalStateException(plugin.file.getFileName() + ": " + e.getMessage()));
            return;
        }
        result.complete(swap(plugin, archive, plugin.file));
    }

    /** An operator's rollback: the version before the current one, swapped in like any other. */
    void rollBack(String symbolicName, CompletableFuture<ReloadEvent> result) throws InterruptedException {
        Plugin plugin = plugins.get(symbolicName);
        if (plugin == null) {
            result.completeExceptionally(new IllegalArgumentException("no plugin " + symbolicName));
        } else if (plugin.previous == null) {
            result.completeExceptionally(new IllegalStateException(symbolicName + " has no previous version in this run"));
        } else {
            // The deploy folder still holds the newer file: it stays the plugin's file, and its build is not
            // tried again until it changes, as after an automatic rollback.
            String leaving = plugin.archive.digest();
            ReloadEvent outcome = swap(plugin, plugin.previous, plugin.file);
            if (outcome.outcome() == ReloadEvent.Outcome.RELOADED) {
                plugin.rejectedDigest = leaving;
            }
            result.complete(outcome);
        }
    }

    private ReloadEvent swap(Plugin plugin, BundleArchive next, Path source) throws InterruptedException {
        String from = plugin.version();
        ReloadEvent outcome = transaction.swap(plugin.bundle, plugin.archive, plugin.generation, next);
        // History, then registry, then announcement: whoever sees one of them finds the ones before it.
        events.record(outcome);
        long millis = outcome.duration().toMillis();
        String failure = outcome.failure().orElse("");
        switch (outcome.outcome()) {
            case RELOADED -> {
                plugin.swapped(next);
                plugin.file = source;
                plugin.status(PluginStatus.SERVING, null);
                events.generation(plugin.symbolicName, plugin.generation);
                LOG.log(INFO, "swapped {0} {1} -> {2} from {3} in {4} ms (generation {5})", plugin.symbolicName,
                        from, plugin.version(), source.getFileName(), millis, plugin.generation);
            }
            case ROLLED_BACK -> {
                plugin.rejectedDigest = next.digest();
                plugin.status(PluginStatus.ROLLED_BACK, "rolled back " + next.version() + ": " + failure);
                LOG.log(ERROR, "swap of {0} to {1} from {2} failed: {3}; rolled back, {4} serves again",
                        plugin.symbolicName, next.version(), next.file().getFileName(), failure, from);
            }
            default -> {
                plugin.rejectedDigest = next.digest();
                plugin.status(PluginStatus.FAILED, failure);
                LOG.log(ERROR, "swap of {0} to {1} failed and {2} could not be put back: {3}", plugin.symbolicName,
                        next.version(), from, failure);
            }
        }
        publish(plugin);
        events.announce(outcome);
        if (outcome.outcome() == ReloadEvent.Outcome.RELOADED) {
            // After the announcement: crash recovery need not delay the new version.
            if (lastGood.keep(next)) {
                publish(plugin); // what the work folder could not keep (or now could) changed
            }
        }
        return outcome;
    }

    private void removed(Path file) throws InterruptedException {
        Plugin plugin = plugins.values().stream().filter(p -> p.file.equals(file)).findFirst().orElse(null);
        if (plugin == null) {
            return;
        }
        Optional<BundleArchive> replacement = DeployFiles.newestNamed(file.getParent(), plugin.symbolicName);
        if (replacement.isPresent()) {
            // A versioned file name replaced by the next one (greeter-1.0.1.jar -> greeter-1.0.2.jar): a swap,
            // not an uninstall followed by an install.
            deploy(replacement.get().file());
            return;
        }
        try {
            operations.remove(plugin.bundle);
            LOG.log(INFO, "removed {0} {1}: {2} was deleted", plugin.symbolicName, plugin.version(),
                    file.getFileName());
        } catch (BundleException | TimeoutException e) {
            // Its file is gone, so the container lets go of it either way; a bundle stuck in its deactivation
            // is freed by a restart.
            LOG.log(ERROR, "could not remove {0}: {1}; it is forgotten, a restart frees it", plugin.symbolicName,
                    e.getMessage());
        }
        plugins.remove(plugin.symbolicName);
        waitingForResume.remove(plugin.symbolicName);
        events.generation(plugin.symbolicName, 0);
        snapshots.forget(plugin.symbolicName);
    }

    private String servingNote(Path file) {
        return plugins.values().stream()
                .filter(p -> p.file.equals(file))
                .map(p -> "; " + p.symbolicName + " " + p.version() + " keeps serving")
                .findFirst().orElse("");
    }

    private void publish(Plugin plugin) {
        snapshots.publish(plugin.snapshot(paused.test(plugin.symbolicName)));
    }

    private static long millisSince(long nanoTime) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanoTime);
    }
}
