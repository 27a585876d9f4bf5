package io.hotbundle.container.internal.plugins;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

import io.hotbundle.api.PluginInfo;
import io.hotbundle.api.PluginStatus;
import io.hotbundle.container.internal.graph.Wiring;
import io.hotbundle.container.internal.state.StateStore;

/**
 * What the registry shows of each hosted bundle: the snapshots the deployer's worker publishes, read by any thread,
 * checked against the framework when read. A snapshot that says serving is only believed while the bundle is
 * active and every component of it can serve (someone may have stopped it, or a service it needs may have gone);
 * otherwise the reader is told what is true now. It is also where a generation is read ({@link #generation}).
 */
final class PublishedPlugins {

    private final ConcurrentMap<String, PluginSnapshot> snapshots = new ConcurrentSkipListMap<>();
    private final BundleContext context;
    private final ActivationCheck activation;
    private final StateStore states;
    private final LastGood lastGood;
    private final Sources sources;

    PublishedPlugins(BundleContext context, ActivationCheck activation, StateStore states, LastGood lastGood,
            Sources sources) {
        this.sources = sources;
        this.context = context;
        this.activation = activation;
        this.states = states;
        this.lastGood = lastGood;
    }

    /** Publishes what the unit is now; on the worker thread. */
    void publish(Unit unit, boolean paused, Units units) {
        Bundle bundle = unit.bundle;
        if (bundle != null && bundle.getState() == Bundle.UNINSTALLED) {
            return; // on its way out of the registry
        }
        var problems = new ArrayList<String>();
        if (unit.problem != null) {
            problems.add(unit.problem);
        }
        states.unwritten(unit.name).ifPresent(why -> problems.add("state kept in memory only: " + why));
        lastGood.unkept(unit.name).ifPresent(why -> problems.add("no copy for crash recovery: " + why));
        PluginStatus status = paused && unit.status == PluginStatus.SERVING ? PluginStatus.PAUSED : unit.status;
        snapshots.put(unit.name, new PluginSnapshot(unit.name, unit.artifact.symbolicName(), unit.version(),
                kind(bundle, unit), sources.origin(unit.file), Optional.ofNullable(unit.file), unit.artifact.digest(),
                bundle == null ? -1 : bundle.getBundleId(), status, unit.generation, unit.since,
                problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems)),
                names(bundle == null ? List.of() : Wiring.providers(bundle), units),
                names(bundle == null ? List.of() : Wiring.users(bundle), units), unit.waitingFor));
    }

    void forget(String name) {
        snapshots.remove(name);
    }

    /** Every hosted bundle, by name, as it is now. */
    List<PluginInfo> all() {
        return snapshots.values().stream().map(this::live).map(PluginInfo.class::cast).toList();
    }

    Optional<PluginInfo> get(String name) {
        return Optional.ofNullable(snapshots.get(name)).map(this::live);
    }

    /** The generation of a hosted bundle, 0 when none has that name: the hot path reads it, so no live check. */
    long generation(String name) {
        PluginSnapshot snapshot = snapshots.get(name);
        return snapshot == null ? 0 : snapshot.generation();
    }

    private PluginSnapshot live(PluginSnapshot snapshot) {
        if (snapshot.status() != PluginStatus.SERVING && snapshot.status() != PluginStatus.PAUSED) {
            return snapshot;
        }
        Bundle bundle = context.getBundle(snapshot.bundleId());
        if (bundle == null || bundle.getState() != Bundle.ACTIVE && !BundleOps.isFragment(bundle)) {
            return snapshot.with(PluginStatus.FAILED, Optional.of("its bundle is not active (stopped outside the "
                    + "container?); hot:reload starts it again"), List.of());
        }
        if (activation.anyFailed(bundle)) {
            return snapshot.with(PluginStatus.FAILED, Optional.of("a component failed to activate (see hot:info)"),
                    List.of());
        }
        List<String> waiting = activation.waitingServices(bundle);
        return waiting.isEmpty() ? snapshot : snapshot.with(PluginStatus.WAITING,
                Optional.of("waits for " + String.join(", ", waiting)), waiting);
    }

    private static PluginInfo.Kind kind(Bundle bundle, Unit unit) {
        boolean exports = !unit.artifact.headers().exports().isEmpty();
        ServiceReference<?>[] services = bundle == null || bundle.getState() == Bundle.UNINSTALLED ? null
                : bundle.getRegisteredServices();
        boolean registers = services != null && services.length > 0;
        if (exports) {
            return registers ? PluginInfo.Kind.BOTH : PluginInfo.Kind.LIBRARY;
        }
        return PluginInfo.Kind.PLUGIN;
    }

    /**
     * Hosted bundles by their names, and the container's API bundle; the rest of the container's runtime (the
     * framework, SCR...) is left out: it is there for everybody.
     */
    private static List<String> names(java.util.Collection<Bundle> bundles, Units units) {
        var names = new TreeSet<String>();
        for (Bundle bundle : bundles) {
            Optional<Unit> hosted = units.of(bundle);
            if (hosted.isPresent()) {
                names.add(hosted.get().name);
            } else if (String.valueOf(bundle.getSymbolicName()).startsWith("io.hotbundle.api")) {
                names.add(bundle.getSymbolicName());
            }
        }
        return List.copyOf(names);
    }
}
