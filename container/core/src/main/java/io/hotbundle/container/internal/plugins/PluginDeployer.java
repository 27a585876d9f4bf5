package io.hotbundle.container.internal.plugins;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.annotations.Designate;

import io.hotbundle.api.PluginControl;
import io.hotbundle.api.PluginInfo;
import io.hotbundle.api.PluginRegistry;
import io.hotbundle.api.ReloadEvent;
import io.hotbundle.api.ReloadHold;
import io.hotbundle.api.ReloadListener;
import io.hotbundle.api.Reloads;
import io.hotbundle.api.RetiredVersion;
import io.hotbundle.api.state.SavedState;
import io.hotbundle.spi.PluginSources;
import io.hotbundle.container.internal.handles.Gates;
import io.hotbundle.container.internal.leaks.LeakWatch;
import io.hotbundle.container.internal.reload.ReloadEvents;
import io.hotbundle.container.internal.settings.SettingBounds;
import io.hotbundle.container.internal.state.PluginStateService;
import io.hotbundle.container.internal.state.StateStore;

/**
 * The container's plugin service: takes changed files from the deploy folder and brings the framework in line
 * ({@link Reconciler}), and answers host code about hosted bundles and their swaps.
 *
 * <p>Every framework operation on a hosted bundle runs on one worker thread ({@link WorkerQueue}), so two changes
 * never race on the same bundle and a slow plugin cannot make the folder's watcher wait. Each reconciliation looks
 * at the files as they are when it runs, not at what the watcher said happened to them, so an event that arrives
 * late or twice does no harm.
 *
 * <p>Its configuration is required: the container's settings loader always creates it (from the operator's file
 * in {@code etc/}, or empty), so no file is ever admitted under settings that are not yet the configured ones
 * (trust mode in particular).
 */
@Component(service = {PluginRegistry.class, Reloads.class, PluginControl.class, PluginSources.class,
        PluginDeployer.class},
        configurationPid = PluginDeployer.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = PluginStateService.OUTRANKS_PLUGINS)
@Designate(ocd = DeployerConfig.class)
public final class PluginDeployer implements PluginRegistry, Reloads, PluginControl, PluginSources {

    /** The configuration PID, an operator's name: {@code etc/io.hotbundle.deployer.cfg}. */
    public static final String PID = "io.hotbundle.deployer";

    private final WorkerQueue worker = new WorkerQueue();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Set<String> paused = ConcurrentHashMap.newKeySet();
    private volatile boolean allPaused;
    private final SwapSettings settings;
    private final ReloadEvents events;
    private final StateStore states;
    private final LeakWatch leaks = new LeakWatch();
    private final BundleOps ops;
    private final PublishedPlugins published;
    private final Reconciler reconciler;
    private final OperatorSwaps operator;
    private final Duration shutdownTimeout;
    private final Abandoned abandoned;
    private final Sources sources;
    /** Not used, only required: no plugin is installed before the weaving hook can refuse its System.exit. */
    @Reference
    private io.hotbundle.container.internal.weaving.ExitRefusal exitRefusal;

    @Activate
    public PluginDeployer(BundleContext context, @Reference ServiceComponentRuntime scr, @Reference StateStore states,
            @Reference Gates gates, @Reference Abandoned abandoned, DeployerConfig config) {
        this.settings = new SwapSettings(config);
        this.states = states;
        this.abandoned = abandoned;
        var parts = new Deployment(context, scr, states, gates, abandoned, leaks, settings, config.history_size(),
                this::isPaused);
        this.ops = parts.ops;
        this.sources = parts.sources;
        this.published = parts.published;
        this.events = parts.events;
        this.reconciler = parts.reconciler;
        this.operator = parts.operator;
        this.shutdownTimeout = Duration.ofMillis(SettingBounds.millis("shutdown.timeout.ms",
                config.shutdown_timeout_ms()));
    }

    /** A new configuration applies to the next swap; the plugins and their history stay. */
    @Modified
    void modified(DeployerConfig config) {
        settings.apply(config);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(ReloadListener listener) {
        events.addListener(listener);
    }

    void removeListener(ReloadListener listener) {
        events.removeListener(listener);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        worker.shutdown(shutdownTimeout);
        ops.close();
        leaks.close();
    }

    /**
     * Processes the files that were in the deploy folder before anything watched it; the registry is ready once
     * they are done, whatever their outcome.
     */
    public void deployInitial(List<Path> files) {
        worker.task(() -> reconciler.reconcile(files, true));
        worker.task(ready::countDown);
    }

    /** Queues a file that appeared, changed or disappeared. Returns at once. */
    public void fileChanged(Path file) {
        worker.files(List.of(file), () -> settings.now().settle(), batch -> reconciler.reconcile(batch, false));
    }

    // PluginSources

    @Override
    public CompletionStage<PluginInfo> offer(String source, Path file, String sha256) {
        Path offered = sources.offer(source, file, sha256);
        CompletableFuture<PluginInfo> outcome = sources.outcome(offered);
        fileChanged(offered);
        return outcome;
    }

    @Override
    public void withdraw(String source, Path file) {
        fileChanged(sources.withdraw(source, file));
    }

    // PluginRegistry

    @Override
    public List<PluginInfo> plugins() {
        return published.all();
    }

    @Override
    public Optional<PluginInfo> plugin(String name) {
        return published.get(name);
    }

    @Override
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    // Reloads

    @Override
    public long generation(String symbolicName) {
        return published.generation(symbolicName);
    }

    @Override
    public Optional<ReloadHold> awaitAboutToReload(String symbolicName, Duration timeout) throws InterruptedException {
        return events.awaitAboutToReload(symbolicName, timeout);
    }

    @Override
    public Optional<ReloadEvent> awaitReload(String symbolicName, Duration timeout) throws InterruptedException {
        return events.awaitReload(symbolicName, timeout);
    }

    @Override
    public CompletableFuture<ReloadEvent> nextReload(String symbolicName) {
        return events.nextReload(symbolicName);
    }

    @Override
    public void pause(String symbolicName) {
        paused.add(symbolicName);
        worker.task(reconciler::republish);
    }

    @Override
    public void resume(String symbolicName) {
        paused.remove(symbolicName);
        if (!allPaused) {
            worker.task(() -> reconciler.resumed(symbolicName));
        }
    }

    @Override
    public void pauseAll() {
        allPaused = true;
        worker.task(reconciler::republish);
    }

    @Override
    public void resumeAll() {
        allPaused = false;
        paused.clear();
        worker.task(() -> {
            for (Unit unit : reconciler.units().all()) {
                reconciler.resumed(unit.name);
            }
        });
    }

    @Override
    public boolean isPaused(String symbolicName) {
        return allPaused || paused.contains(symbolicName);
    }

    @Override
    public List<ReloadEvent> history(String symbolicName) {
        return events.history(symbolicName);
    }

    // PluginControl

    @Override
    public ReloadEvent reload(String symbolicName, Duration timeout) throws InterruptedException {
        return onWorker(symbolicName, timeout, operator::reload);
    }

    @Override
    public ReloadEvent rollback(String symbolicName, Duration timeout) throws InterruptedException {
        return onWorker(symbolicName, timeout, operator::rollBack);
    }

    /** An operator's swap: queued behind the file changes, its outcome awaited at most {@code timeout}. */
    private ReloadEvent onWorker(String symbolicName, Duration timeout, OperatorSwap swap)
            throws InterruptedException {
        requireKnown(symbolicName);
        var result = new CompletableFuture<ReloadEvent>();
        worker.task(() -> swap.run(symbolicName, result));
        return outcome(result, timeout, symbolicName);
    }

    @FunctionalInterface
    private interface OperatorSwap {
        void run(String symbolicName, CompletableFuture<ReloadEvent> result) throws InterruptedException;
    }

    @Override
    public Optional<SavedState> state(String symbolicName) {
        return states.get(symbolicName);
    }

    @Override
    public List<String> holdsPending(String symbolicName) {
        return events.holdsPending(symbolicName);
    }

    @Override
    public List<String> leftBehind(String name) {
        return abandoned.of(name).stream().map(s -> "bundle " + s.bundleId() + " (" + s.version() + "), thread '"
                + s.thread() + "' stuck in its " + s.what() + "\n" + s.stack()).toList();
    }

    @Override
    public List<RetiredVersion> leaks() {
        return leaks.leaks();
    }

    private void requireKnown(String symbolicName) {
        if (published.get(symbolicName).isEmpty()) {
            throw new IllegalArgumentException("no plugin " + symbolicName);
        }
    }

    private static ReloadEvent outcome(CompletableFuture<ReloadEvent> result, Duration timeout, String symbolicName)
            throws InterruptedException {
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no outcome for " + symbolicName + " within " + timeout.toMillis()
                    + " ms; the swap goes on, see hot:history");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
