package io.hotbundle.container.internal.plugins;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

import io.hotbundle.api.PluginControl;
import io.hotbundle.api.PluginInfo;
import io.hotbundle.api.PluginRegistry;
import io.hotbundle.api.ReloadEvent;
import io.hotbundle.api.ReloadHold;
import io.hotbundle.api.ReloadListener;
import io.hotbundle.api.Reloads;
import io.hotbundle.api.RetiredVersion;
import io.hotbundle.api.state.SavedState;
import io.hotbundle.container.internal.admission.Admission;
import io.hotbundle.container.internal.artifacts.ArtifactStore;
import io.hotbundle.container.internal.deploy.DeployFiles;
import io.hotbundle.container.internal.graph.PreCheck;
import io.hotbundle.container.internal.handles.Gates;
import io.hotbundle.container.internal.leaks.LeakWatch;
import io.hotbundle.container.internal.reload.ReloadEvents;
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
@Component(service = {PluginRegistry.class, Reloads.class, PluginControl.class, PluginDeployer.class},
        configurationPid = PluginDeployer.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = PluginDeployer.Config.class)
public final class PluginDeployer implements PluginRegistry, Reloads, PluginControl {

    /** The configuration PID, an operator's name: {@code etc/io.hotbundle.deployer.cfg}. */
    public static final String PID = "io.hotbundle.deployer";

    /** Tunables, under PID {@value #PID}. */
    @ObjectClassDefinition(name = "Hotbundle plugin deployer")
    public @interface Config {

        @AttributeDefinition(description = "How long a swap waits for holds on it, in milliseconds")
        long hold_timeout_ms() default 10_000;

        @AttributeDefinition(description = "How long a swap waits for each listener's aboutToReload, in milliseconds")
        long listener_timeout_ms() default 5_000;

        @AttributeDefinition(description = "How long a version may take to start and activate, in milliseconds")
        long activation_timeout_ms() default 10_000;

        @AttributeDefinition(description = "How long a swap waits for calls on the old version to finish, in milliseconds")
        long drain_timeout_ms() default 10_000;

        @AttributeDefinition(description = "How long a version may take to stop and hand its state off, in milliseconds")
        long deactivation_timeout_ms() default 10_000;

        @AttributeDefinition(description = "How long a scoped refresh of one plugin may take, in milliseconds")
        long refresh_timeout_ms() default 30_000;

        @AttributeDefinition(description = "A file with an older version than the one serving: swap to it, or refuse it",
                options = {@Option(label = "allow", value = "allow"), @Option(label = "refuse", value = "refuse")})
        String downgrade() default "allow";

        @AttributeDefinition(description = "Trust mode: a key store (PKCS12 or JKS) of the certificates whose "
                + "signatures are accepted; empty: signatures are not required")
        String trust_store() default "";

        @AttributeDefinition(description = "The trust store's password", type = AttributeType.PASSWORD)
        String trust_store_password() default "";

        @AttributeDefinition(description = "How many swaps the history keeps per plugin (applies at start)")
        int history_size() default 100;

        @AttributeDefinition(description = "How long stopping waits for the swap in progress, in milliseconds")
        long shutdown_timeout_ms() default 10_000;

        @AttributeDefinition(description = "How long the folder must be quiet before changed files are taken "
                + "together, in milliseconds (0: at once; files that change meanwhile are still taken together)")
        long settle_ms() default 0;

        @AttributeDefinition(description = "The most all entries of a jar may inflate to, in MiB (also the largest file)")
        long archive_max_inflated_mb() default 1024;

        @AttributeDefinition(description = "The most entries a jar may have")
        int archive_max_entries() default 65_536;

        @AttributeDefinition(description = "The most one entry of a jar may inflate to, in MiB")
        long archive_max_entry_mb() default 512;

        @AttributeDefinition(description = "The largest manifest, in KiB")
        int archive_max_manifest_kb() default 1024;
    }

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
    /** Not used, only required: no plugin is installed before the weaving hook can refuse its System.exit. */
    @Reference
    private io.hotbundle.container.internal.weaving.ExitRefusal exitRefusal;

    @Activate
    public PluginDeployer(BundleContext context, @Reference ServiceComponentRuntime scr, @Reference StateStore states,
            @Reference Gates gates, @Reference Abandoned abandoned, Config config) {
        this.settings = new SwapSettings(config);
        this.states = states;
        this.ops = new BundleOps(context, abandoned::contains);
        var activation = new ActivationCheck(context, scr);
        var store = new ArtifactStore(DeployFiles.workFolder(context, "artifacts"));
        var lastGood = new LastGood(DeployFiles.workFolder(context, "last-good"), store);
        var inFlight = new InFlight(DeployFiles.workFolder(context, "in-flight"));
        this.published = new PublishedPlugins(context, activation, states, lastGood);
        this.events = new ReloadEvents(config.history_size(), published::generation);
        var units = new Units();
        var entries = new FolderEntries();
        var preCheck = new PreCheck(context, abandoned::contains);
        var admission = new Admission(store, context, ops::isContainerBundle);
        Reconciler.Publisher publisher = new Reconciler.Publisher() {
            @Override
            public void publish(java.util.Collection<Unit> changed) {
                changed.forEach(u -> published.publish(u, isPaused(u.name), units));
            }

            @Override
            public void forget(String name) {
                published.forget(name);
            }
        };
        var steps = new MemberSteps(context, ops, activation, states, leaks, abandoned, inFlight);
        var outcomes = new Outcomes(events, lastGood, publisher, units);
        var swaps = new Swaps(units, ops.wiring(), preCheck, new SetSwap(events, gates, steps, settings), events);
        var starter = new Starter(context, ops, activation, lastGood, inFlight, abandoned, settings);
        this.reconciler = new Reconciler(units, entries, admission, new Planner(units, entries, this::isPaused, preCheck),
                swaps, starter, outcomes, ops, settings, store, lastGood, this::isPaused, publisher);
        this.operator = new OperatorSwaps(units, admission, swaps, outcomes, reconciler);
        this.shutdownTimeout = Duration.ofMillis(config.shutdown_timeout_ms());
        this.abandoned = abandoned;
    }

    /** A new configuration applies to the next swap; the plugins and their history stay. */
    @Modified
    void modified(Config config) {
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
