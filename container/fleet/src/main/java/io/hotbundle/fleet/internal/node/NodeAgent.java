package io.hotbundle.fleet.internal.node;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import java.io.IOException;
import java.lang.System.Logger;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.zookeeper.CreateMode;

import io.hotbundle.api.PluginInfo;
import io.hotbundle.api.PluginRegistry;
import io.hotbundle.api.ReloadEvent;
import io.hotbundle.api.ReloadListener;
import io.hotbundle.fleet.internal.model.Json;
import io.hotbundle.fleet.internal.model.NodeStatus;
import io.hotbundle.fleet.internal.model.PluginReport;
import io.hotbundle.fleet.internal.model.Release;
import io.hotbundle.fleet.internal.model.Rollout;
import io.hotbundle.fleet.internal.zk.FleetPaths;
import io.hotbundle.fleet.internal.zk.FleetStore;

/**
 * One node of a fleet: says it is alive (an ephemeral znode), watches the fleet's desired releases and rollouts
 * (and nothing else: other nodes' reports are the controller's business), works out what it should serve, has
 * {@link Offers} bring the container there, and reports what it serves and why. It converges from the desired
 * state whenever it sees it (at start, after a reconnection), never by replaying events. Without ZooKeeper it
 * goes on serving what it serves; it started from its last good set. Confined to the fleet's thread, but for
 * the reload events, which it hands over to that thread.
 */
public final class NodeAgent implements ReloadListener, AutoCloseable {

    private static final Logger LOG = System.getLogger("hotbundle");
    /** How often a swap under way is looked at, besides its events. */
    private static final long CHECK_MS = 1_000;

    private final FleetStore store;
    private final String node;
    private final PluginRegistry registry;
    private final Offers offers;
    private final ArtifactCache cache;
    private final ScheduledExecutorService thread;
    private final Map<String, Release> desired = new TreeMap<>();
    private final Map<String, Rollout> rollouts = new TreeMap<>();
    private final PersistentNode liveness;
    private final CuratorCache desiredCache;
    private final CuratorCache rolloutCache;
    private volatile ConnectionState connection = ConnectionState.SUSPENDED;
    private volatile Instant connectionSince = Instant.now();
    private boolean everConnected;
    private int initialized;

    public NodeAgent(FleetStore store, String node, PluginRegistry registry, Offers offers, ArtifactCache cache,
            ScheduledExecutorService thread) {
        this.store = store;
        this.node = node;
        this.registry = registry;
        this.offers = offers;
        this.cache = cache;
        this.thread = thread;
        FleetPaths paths = store.paths();
        this.liveness = new PersistentNode(store.client(), CreateMode.EPHEMERAL, false, paths.live(node),
                Json.write(Map.of("started", System.currentTimeMillis(), "pid", ProcessHandle.current().pid())));
        this.desiredCache = CuratorCache.build(store.client(), paths.desired());
        this.rolloutCache = CuratorCache.build(store.client(), paths.rollouts());
    }

    /** Offers the last good set, then joins the fleet in the background. Returns at once. */
    public void start() {
        thread.execute(() -> {
            if (!offers.lastGood().plugins().isEmpty()) {
                LOG.log(INFO, "fleet: offering the last good set from the work folder until ZooKeeper says otherwise: {0}",
                        describe(offers.lastGood().plugins()));
                offers.offerLastGood();
            }
        });
        store.client().getConnectionStateListenable().addListener((client, state) -> thread.execute(() -> connection(state)),
                thread);
        if (store.client().getZookeeperClient().isConnected()) {
            thread.execute(() -> connection(ConnectionState.CONNECTED)); // connected before the listener was added
        }
        listen(desiredCache, store.paths().desired());
        listen(rolloutCache, store.paths().rollouts());
        liveness.start();
        thread.scheduleWithFixedDelay(this::checkSwaps, CHECK_MS, CHECK_MS, TimeUnit.MILLISECONDS);
        thread.schedule(this::saySoIfUnreachable, store.client().getZookeeperClient().getConnectionTimeoutMs() * 2L,
                TimeUnit.MILLISECONDS);
    }

    private void listen(CuratorCache cache, String folder) {
        cache.listenable().addListener(CuratorCacheListener.builder()
                .forAll((type, before, after) -> changed())
                .forInitialized(() -> {
                    initialized++;
                    changed();
                }).build(), thread);
        cache.start();
    }

    private void connection(ConnectionState state) {
        ConnectionState before = connection;
        connection = state;
        if (state.isConnected() != before.isConnected()) {
            connectionSince = Instant.now();
        }
        if (state.isConnected()) {
            if (!before.isConnected()) {
                LOG.log(INFO, everConnected ? "fleet: ZooKeeper is reachable again; converging to the fleet's desired state"
                        : "fleet: joined the fleet as {0}", node);
            }
            everConnected = true;
            try {
                store.ensureFolders();
            } catch (Exception e) {
                LOG.log(WARNING, "fleet: could not create the fleet''s znodes: {0}", e.toString());
            }
            changed();
            report();
        } else if (before.isConnected()) {
            LOG.log(WARNING, "fleet: ZooKeeper is unreachable ({0}); this node keeps serving {1}",
                    state.name().toLowerCase(), describeServing());
        }
    }

    private void saySoIfUnreachable() {
        if (!everConnected) {
            LOG.log(WARNING, "fleet: ZooKeeper is unreachable at start; this node serves its last good set ({0}) "
                    + "and joins the fleet when ZooKeeper answers", describe(offers.lastGood().plugins()));
        }
    }

    /** The desired state or a rollout changed: reads them from the caches and converges. */
    private void changed() {
        if (initialized < 2) {
            return; // half a picture could withdraw what is still wanted
        }
        desired.clear();
        rollouts.clear();
        read(desiredCache, store.paths().desired(), Release.class, desired);
        read(rolloutCache, store.paths().rollouts(), Rollout.class, rollouts);
        // Only what the fleet says something about: a plugin it has no record of (a ZooKeeper that lost its data, a
        // fleet renamed) keeps serving; the fleet withdraws a plugin only by a rollout that takes it back.
        var plugins = new TreeSet<String>(desired.keySet());
        plugins.addAll(rollouts.keySet());
        boolean changed = false;
        for (String plugin : plugins) {
            Rollout rollout = rollouts.get(plugin);
            Release target = rollout == null ? desired.get(plugin) : rollout.targetFor(node).orElse(null);
            if (!offers.asked(plugin, target)) {
                offers.serve(plugin, target);
                changed = true;
            }
        }
        if (changed) {
            report();
            try {
                cache.retainOnly(offers.digestsInUse());
            } catch (IOException e) {
                LOG.log(WARNING, "fleet: could not clean the cache: {0}", e.getMessage());
            }
        }
    }

    private static <T> void read(CuratorCache cache, String folder, Class<T> type, Map<String, T> into) {
        String prefix = folder + "/";
        for (ChildData data : cache.stream().filter(d -> d.getPath().startsWith(prefix)).toList()) {
            try {
                into.put(FleetPaths.name(data.getPath()), Json.read(data.getData(), type));
            } catch (IllegalArgumentException e) {
                LOG.log(WARNING, "fleet: ignored {0}: {1}", data.getPath(), e.getMessage());
            }
        }
    }

    private void checkSwaps() {
        boolean changed = false;
        for (String plugin : offers.attempts().keySet()) {
            changed |= offers.check(plugin);
        }
        if (changed) {
            report();
        }
    }

    @Override
    public void reloaded(ReloadEvent event) {
        thread.execute(this::checkSwaps);
    }

    @Override
    public void reloadFailed(ReloadEvent event) {
        thread.execute(() -> {
            if (offers.failed(event)) {
                report();
            }
        });
    }

    /** Writes this node's report; without ZooKeeper, the next connection writes it. */
    private void report() {
        if (!connection.isConnected()) {
            return;
        }
        var plugins = new HashMap<String, PluginReport>();
        offers.attempts().forEach((plugin, attempt) -> {
            PluginInfo serving = registry.plugin(plugin).orElse(null);
            Release target = attempt.target();
            plugins.put(plugin, new PluginReport(serving == null ? null : serving.version(),
                    serving == null ? null : serving.digest(), target == null ? null : target.version(),
                    target == null ? null : target.sha256(), attempt.outcome(), attempt.cause(), attempt.time()));
        });
        try {
            store.writeStatus(new NodeStatus(node, System.currentTimeMillis(), plugins));
        } catch (Exception e) {
            LOG.log(WARNING, "fleet: could not report to the fleet: {0}", e.toString());
        }
    }

    /** For hot:fleet on this node. */
    public boolean connected() {
        return connection.isConnected();
    }

    public Instant connectionSince() {
        return connectionSince;
    }

    public Map<String, Attempt> attempts() {
        return offers.attempts();
    }

    private String describeServing() {
        return registry.plugins().stream().filter(p -> p.origin().startsWith(Offers.SOURCE + ":"))
                .map(p -> p.name() + " " + p.version()).collect(Collectors.joining(", ", "", ""))
                .transform(s -> s.isEmpty() ? "what it serves" : s);
    }

    private static String describe(Map<String, Release> releases) {
        return releases.isEmpty() ? "nothing" : releases.values().stream().map(r -> r.plugin() + " " + r.version())
                .collect(Collectors.joining(", "));
    }

    @Override
    public void close() throws IOException {
        desiredCache.close();
        rolloutCache.close();
        try {
            liveness.close();
        } catch (IOException e) {
            if (connected()) {
                throw e;
            } // Unreachable: the ephemeral znode goes with the session.
        }
    }
}
