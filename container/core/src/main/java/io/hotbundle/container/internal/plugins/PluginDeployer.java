package io.hotbundle.container.internal.plugins;

import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import java.lang.System.Logger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.hotbundle.api.PluginInfo;
import io.hotbundle.api.PluginRegistry;
import io.hotbundle.container.internal.deploy.BundleArchive;
import io.hotbundle.container.internal.deploy.DeployFiles;
import io.hotbundle.container.internal.deploy.InvalidArchiveException;

/**
 * Brings the framework in line with the deploy folder, one file at a time.
 *
 * <p>Every framework operation on a plugin runs on one worker thread, so two changes never race on the same
 * bundle and a slow plugin cannot make FileInstall's scanner wait. A file queued twice before the worker
 * reaches it is handled once, with its newest content: a burst of overwrites costs one swap, not fifty.
 *
 * <p>Each task looks at the file as it is when the task runs, not at what FileInstall said happened to it, so
 * an event that arrives late or twice does no harm.
 */
@Component(service = {PluginRegistry.class, PluginDeployer.class})
@Designate(ocd = PluginDeployer.Config.class)
public final class PluginDeployer implements PluginRegistry {

    /** Tunables of the deployer, under PID {@code io.hotbundle.container.internal.plugins.PluginDeployer}. */
    @ObjectClassDefinition(name = "Hotbundle plugin deployer")
    public @interface Config {

        @AttributeDefinition(description = "How long a scoped refresh of one plugin may take, in milliseconds")
        long refresh_timeout_ms() default 30_000;

        @AttributeDefinition(description = "How long stopping waits for the swap in progress, in milliseconds")
        long shutdown_timeout_ms() default 10_000;
    }

    private static final Logger LOG = System.getLogger("hotbundle");

    private final BundleOperations operations;
    private final Duration shutdownTimeout;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "hotbundle-deployer"));
    private final Set<Path> queued = ConcurrentHashMap.newKeySet();
    private final ConcurrentMap<String, PluginInfo> snapshots = new ConcurrentSkipListMap<>();
    private final CountDownLatch ready = new CountDownLatch(1);

    // Worker-thread state.
    private final Map<String, Plugin> plugins = new HashMap<>();

    @Activate
    public PluginDeployer(BundleContext context, Config config) {
        this.operations = new BundleOperations(context, Duration.ofMillis(config.refresh_timeout_ms()));
        this.shutdownTimeout = Duration.ofMillis(config.shutdown_timeout_ms());
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        worker.shutdownNow();
        if (!worker.awaitTermination(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.log(WARNING, "stopped while a plugin operation was still running after {0}", shutdownTimeout);
        }
    }

    /**
     * Processes the files that were in the deploy folder before anything watched it; the registry is ready once
     * they are done, whatever their outcome.
     */
    public void deployInitial(List<Path> files) {
        files.forEach(this::fileChanged);
        worker.execute(ready::countDown);
    }

    /** Queues a file that appeared, changed or disappeared. Returns at once. */
    public void fileChanged(Path file) {
        if (queued.add(file)) {
            worker.execute(() -> {
                queued.remove(file);
                reconcile(file);
            });
        }
    }

    @Override
    public List<PluginInfo> plugins() {
        return List.copyOf(snapshots.values());
    }

    @Override
    public Optional<PluginInfo> plugin(String symbolicName) {
        return Optional.ofNullable(snapshots.get(symbolicName));
    }

    @Override
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void reconcile(Path file) {
        try {
            if (Files.exists(file)) {
                deploy(file);
            } else {
                removed(file);
            }
        } catch (RuntimeException e) {
            // A plugin must never take the worker down with it: report and go on with the next file.
            LOG.log(ERROR, "could not process " + file.getFileName() + ": " + e, e);
        }
    }

    private void deploy(Path file) {
        BundleArchive archive;
        try {
            archive = BundleArchive.read(file);
        } catch (InvalidArchiveException e) {
            LOG.log(WARNING, "ignored {0}: {1}{2}", file.getFileName(), e.getMessage(), servingNote(file));
            return;
        }
        if (operations.isContainerBundle(archive.symbolicName())) {
            LOG.log(WARNING, "refused {0}: {1} is part of the container and cannot be replaced from the deploy folder",
                    file.getFileName(), archive.symbolicName());
            return;
        }
        Plugin plugin = plugins.get(archive.symbolicName());
        if (plugin == null) {
            install(archive);
        } else if (!archive.digest().equals(plugin.digest)) {
            swap(plugin, archive);
        } else {
            plugin.file = file;
        }
    }

    private void install(BundleArchive archive) {
        long started = System.nanoTime();
        Bundle bundle;
        try {
            bundle = operations.install(archive);
        } catch (BundleException e) {
            LOG.log(ERROR, "could not install {0}: {1}", archive.file().getFileName(), e.getMessage());
            return;
        }
        var plugin = new Plugin(bundle, archive);
        plugins.put(plugin.symbolicName, plugin);
        start(plugin);
        if (plugin.problem == null) {
            LOG.log(INFO, "deployed {0} {1} from {2} (bundle {3}) in {4} ms", plugin.symbolicName, plugin.version,
                    archive.file().getFileName(), bundle.getBundleId(), millisSince(started));
        }
    }

    private void swap(Plugin plugin, BundleArchive archive) {
        long started = System.nanoTime();
        String from = plugin.version;
        try {
            operations.replace(plugin.bundle, archive);
        } catch (BundleException | TimeoutException e) {
            LOG.log(ERROR, "could not update {0} from {1}: {2}", plugin.symbolicName, archive.file().getFileName(),
                    e.getMessage());
            plugin.failed(e.getMessage());
            publish(plugin);
            return;
        }
        plugin.deployed(archive);
        start(plugin);
        if (plugin.problem == null) {
            LOG.log(INFO, "swapped {0} {1} -> {2} from {3} in {4} ms", plugin.symbolicName, from, plugin.version,
                    archive.file().getFileName(), millisSince(started));
        }
    }

    private void start(Plugin plugin) {
        try {
            operations.start(plugin.bundle);
            plugin.serving();
        } catch (BundleException e) {
            LOG.log(ERROR, "{0} {1} from {2} does not start: {3}", plugin.symbolicName, plugin.version,
                    plugin.file.getFileName(), e.getMessage());
            plugin.failed(e.getMessage());
        }
        publish(plugin);
    }

    private void removed(Path file) {
        Plugin plugin = plugins.values().stream().filter(p -> p.file.equals(file)).findFirst().orElse(null);
        if (plugin == null) {
            return;
        }
        Optional<BundleArchive> replacement = replacementFor(plugin, file.getParent());
        if (replacement.isPresent()) {
            // A versioned file name replaced by the next one (greeter-1.0.1.jar -> greeter-1.0.2.jar): a swap,
            // not an uninstall followed by an install.
            swap(plugin, replacement.get());
            return;
        }
        try {
            operations.remove(plugin.bundle);
            LOG.log(INFO, "removed {0} {1}: {2} was deleted", plugin.symbolicName, plugin.version, file.getFileName());
        } catch (BundleException | TimeoutException e) {
            LOG.log(ERROR, "could not remove {0}: {1}", plugin.symbolicName, e.getMessage());
        }
        plugins.remove(plugin.symbolicName);
        snapshots.remove(plugin.symbolicName);
    }

    /** Another jar in the folder that carries the same symbolic name, newest first. */
    private Optional<BundleArchive> replacementFor(Plugin plugin, Path folder) {
        List<BundleArchive> candidates = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path candidate : (Iterable<Path>) files.filter(DeployFiles::isBundleCandidate)::iterator) {
                readQuietly(candidate).filter(a -> a.symbolicName().equals(plugin.symbolicName))
                        .ifPresent(candidates::add);
            }
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
        return candidates.stream().max((a, b) -> a.version().compareTo(b.version()));
    }

    private static Optional<BundleArchive> readQuietly(Path file) {
        try {
            return Optional.of(BundleArchive.read(file));
        } catch (InvalidArchiveException e) {
            return Optional.empty();
        }
    }

    private String servingNote(Path file) {
        return plugins.values().stream()
                .filter(p -> p.file.equals(file))
                .map(p -> "; " + p.symbolicName + " " + p.version + " keeps serving")
                .findFirst().orElse("");
    }

    private void publish(Plugin plugin) {
        snapshots.put(plugin.symbolicName, plugin.snapshot());
    }

    private static long millisSince(long nanoTime) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanoTime);
    }
}
