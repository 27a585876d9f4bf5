package io.hotbundle.fleet.internal;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import java.io.IOException;
import java.lang.System.Logger;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.curator.framework.CuratorFramework;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import io.hotbundle.api.PluginRegistry;
import io.hotbundle.api.ReloadListener;
import io.hotbundle.fleet.internal.control.Controller;
import io.hotbundle.fleet.internal.control.Operators;
import io.hotbundle.fleet.internal.model.Plan;
import io.hotbundle.fleet.internal.model.Release;
import io.hotbundle.fleet.internal.node.ArtifactCache;
import io.hotbundle.fleet.internal.node.MavenRepository;
import io.hotbundle.fleet.internal.node.NodeAgent;
import io.hotbundle.fleet.internal.zk.FleetClient;
import io.hotbundle.fleet.internal.zk.FleetPaths;
import io.hotbundle.fleet.internal.zk.FleetStore;

/**
 * Fleet mode, on: the ZooKeeper client, this node's agent, its candidacy as controller, and the operators' levers,
 * all on one thread of the fleet's own ({@code hotbundle-fleet}) besides Curator's. Exists only while a connect
 * string is configured: a single container has none of it.
 */
final class Fleet implements AutoCloseable {

    private static final Logger LOG = System.getLogger("hotbundle");

    private final FleetSettings settings;
    private final ScheduledExecutorService thread;
    private final CuratorFramework client;
    private final FleetStore store;
    private final ArtifactCache cache;
    private final NodeAgent agent;
    private final Controller controller;
    private final Operators operators;
    private final ServiceRegistration<ReloadListener> listening;

    private Fleet(FleetSettings settings, ScheduledExecutorService thread, CuratorFramework client, FleetStore store,
            ArtifactCache cache, NodeAgent agent, Controller controller, ServiceRegistration<ReloadListener> listening) {
        this.settings = settings;
        this.thread = thread;
        this.client = client;
        this.store = store;
        this.cache = cache;
        this.agent = agent;
        this.controller = controller;
        this.operators = new Operators(store, settings.node());
        this.listening = listening;
    }

    /** Starts fleet mode; returns at once (ZooKeeper is reached in the background). */
    static Fleet start(FleetSettings settings, BundleContext context, io.hotbundle.spi.PluginSources sources,
            PluginRegistry registry) throws Exception {
        var repository = new MavenRepository(settings.repository());
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hotbundle-fleet");
            t.setDaemon(true);
            return t;
        });
        var cache = new ArtifactCache(settings.work().resolve("cache"), repository);
        var offers = io.hotbundle.fleet.internal.node.Offers.create(settings.work(), sources, registry, cache);
        CuratorFramework client = FleetClient.start(settings.connect(), settings.auth(), settings.sessionTimeoutMs(),
                settings.connectionTimeoutMs());
        var store = new FleetStore(client, new FleetPaths(settings.fleet()));
        var agent = new NodeAgent(store, settings.node(), registry, offers, cache, thread);
        ServiceRegistration<ReloadListener> listening = context.registerService(ReloadListener.class, agent, null);
        var controller = new Controller(store, settings.node(), thread);
        LOG.log(INFO, "fleet: starting ({0}; artifacts from {1})", settings.describe(), repository);
        agent.start();
        controller.start();
        return new Fleet(settings, thread, client, store, cache, agent, controller, listening);
    }

    FleetSettings settings() {
        return settings;
    }

    String view() throws Exception {
        if (!agent.connected()) {
            return FleetView.offline(settings, agent.connectionSince(), agent.attempts());
        }
        String controlling = store.epoch().map(e -> e.value().node() + " (epoch " + e.value().epoch() + ")")
                .orElse("none yet");
        return FleetView.fleet(store, settings, controlling);
    }

    Operators operators() {
        requireConnected();
        return operators;
    }

    /** Resolves what the repository holds for {@code [groupId:]artifactId} at {@code version}. */
    Release release(String plugin, String version, String sha256) throws Exception {
        String coordinates;
        if (plugin.contains(":")) {
            coordinates = plugin + ":" + version;
        } else if (settings.group().isEmpty()) {
            throw new IllegalArgumentException("name the plugin as groupId:artifactId, or set group in "
                    + "etc/io.hotbundle.fleet.cfg");
        } else {
            coordinates = settings.group() + ":" + plugin + ":" + version;
        }
        String[] parts = coordinates.split(":", -1);
        if (parts.length != 3 || !Release.isName(parts[0]) || !Release.isName(parts[1]) || !Release.isName(parts[2])) {
            throw new IllegalArgumentException("not a plugin and version: " + plugin + " " + version);
        }
        requireConnected();
        String digest = sha256 != null ? sha256.toLowerCase() : cache.resolve(coordinates, parts[1]);
        return new Release(parts[1], version, coordinates, digest);
    }

    String rollout(Release release, Plan plan) throws Exception {
        return operators().rollout(release, plan);
    }

    private void requireConnected() {
        if (!agent.connected()) {
            throw new IllegalStateException("ZooKeeper " + settings.connect() + " is unreachable: the fleet cannot be "
                    + "changed from this node now");
        }
    }

    @Override
    public void close() {
        try {
            controller.close();
        } catch (Exception e) {
            LOG.log(WARNING, "fleet: stopping the controller: {0}", e.toString());
        }
        try {
            agent.close();
        } catch (IOException | RuntimeException e) {
            LOG.log(WARNING, "fleet: stopping the agent: {0}", e.toString());
        }
        listening.unregister();
        client.close();
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
