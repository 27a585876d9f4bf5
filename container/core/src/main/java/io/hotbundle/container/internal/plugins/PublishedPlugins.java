package io.hotbundle.container.internal.plugins;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;

import io.hotbundle.api.PluginInfo;
import io.hotbundle.container.internal.state.StateStore;

/**
 * What the registry shows of each plugin: the snapshots the deployer's worker publishes, read by any thread, with
 * what the work folder could not keep of a plugin (its state, its copy for crash recovery) added to its problem.
 */
final class PublishedPlugins implements Reconciler.Snapshots {

    private final ConcurrentMap<String, PluginInfo> snapshots = new ConcurrentSkipListMap<>();
    private final StateStore states;
    private final LastGood lastGood;

    PublishedPlugins(StateStore states, LastGood lastGood) {
        this.states = states;
        this.lastGood = lastGood;
    }

    @Override
    public void publish(PluginInfo info) {
        snapshots.put(info.symbolicName(), withDiskTrouble(info));
    }

    @Override
    public void forget(String symbolicName) {
        snapshots.remove(symbolicName);
    }

    /** Every plugin, by symbolic name. */
    List<PluginInfo> all() {
        return List.copyOf(snapshots.values());
    }

    Optional<PluginInfo> get(String symbolicName) {
        return Optional.ofNullable(snapshots.get(symbolicName));
    }

    private PluginInfo withDiskTrouble(PluginInfo info) {
        var problems = new ArrayList<String>();
        info.problem().ifPresent(problems::add);
        states.unwritten(info.symbolicName()).ifPresent(why -> problems.add("state kept in memory only: " + why));
        lastGood.unkept(info.symbolicName()).ifPresent(why -> problems.add("no copy for crash recovery: " + why));
        return problems.isEmpty() ? info : new PluginInfo(info.symbolicName(), info.version(), info.file(),
                info.bundleId(), info.status(), info.generation(), info.since(),
                Optional.of(String.join("; ", problems)));
    }
}
