package io.hotbundle.container.internal.plugins;

import java.util.Collection;
import java.util.function.Predicate;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

import io.hotbundle.container.internal.admission.Admission;
import io.hotbundle.container.internal.artifacts.ArtifactStore;
import io.hotbundle.container.internal.deploy.DeployFiles;
import io.hotbundle.container.internal.graph.PreCheck;
import io.hotbundle.container.internal.handles.Gates;
import io.hotbundle.container.internal.leaks.LeakWatch;
import io.hotbundle.container.internal.reload.ReloadEvents;
import io.hotbundle.container.internal.settings.SettingBounds;
import io.hotbundle.container.internal.state.StateStore;

/**
 * The deployer's parts, put together once: who holds what, and where in the work folder each part keeps its
 * files. Kept apart from {@link PluginDeployer}, which is the services' face, so that the wiring reads in one place.
 */
final class Deployment {

    final BundleOps ops;
    final Sources sources;
    final PublishedPlugins published;
    final ReloadEvents events;
    final Reconciler reconciler;
    final OperatorSwaps operator;

    Deployment(BundleContext context, ServiceComponentRuntime scr, StateStore states, Gates gates, Abandoned abandoned,
            LeakWatch leaks, SwapSettings settings, int historySize, Predicate<String> paused) {
        this.ops = new BundleOps(context, abandoned::contains);
        var activation = new ActivationCheck(context, scr);
        var store = new ArtifactStore(DeployFiles.workFolder(context, "artifacts"));
        var lastGood = new LastGood(DeployFiles.workFolder(context, "last-good"), store);
        var inFlight = new InFlight(DeployFiles.workFolder(context, "in-flight"));
        this.sources = new Sources(DeployFiles.folder(context));
        this.published = new PublishedPlugins(context, activation, states, lastGood, sources);
        this.events = new ReloadEvents((int) SettingBounds.within("history.size", historySize, 1, 100_000),
                published::generation);
        var units = new Units();
        var entries = new FolderEntries();
        var preCheck = new PreCheck(context, abandoned::contains);
        var admission = new Admission(store, context, ops::isContainerBundle);
        Reconciler.Publisher publisher = new Reconciler.Publisher() {
            @Override
            public void publish(Collection<Unit> changed) {
                changed.forEach(u -> published.publish(u, paused.test(u.name), units));
            }

            @Override
            public void forget(String name) {
                published.forget(name);
            }

            @Override
            public java.util.Optional<io.hotbundle.api.PluginInfo> get(String name) {
                return published.get(name);
            }
        };
        var steps = new MemberSteps(context, ops, activation, states, leaks, abandoned, inFlight);
        var outcomes = new Outcomes(events, lastGood, publisher, units);
        var swaps = new Swaps(units, ops.wiring(), preCheck, new SetSwap(events, gates, steps, settings), events,
                publisher);
        var starter = new Starter(context, ops, activation, lastGood, inFlight, abandoned, settings);
        this.reconciler = new Reconciler(units, entries, admission, new Planner(units, entries, paused, preCheck, sources), swaps,
                starter, outcomes, ops, settings, store, lastGood, paused, publisher, sources,
                needs -> io.hotbundle.container.internal.graph.Wiring.offered(context, needs, abandoned::contains));
        this.operator = new OperatorSwaps(units, admission, swaps, outcomes, reconciler);
    }
}
