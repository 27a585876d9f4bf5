package io.hotbundle.container.internal.plugins;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.hooks.service.EventListenerHook;
import org.osgi.framework.hooks.service.FindHook;
import org.osgi.framework.hooks.service.ListenerHook.ListenerInfo;
import org.osgi.framework.hooks.bundle.CollisionHook;
import org.osgi.framework.hooks.resolver.ResolverHook;
import org.osgi.framework.hooks.resolver.ResolverHookFactory;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Bundles left behind because a thread of theirs is stuck (a deactivation or activation that never returns):
 * Felix waits without end for such a bundle's lock, so the container stops touching it and installs the version
 * that must serve as a fresh bundle beside it.
 *
 * <p>For that to work the stuck bundle must become invisible: the resolver hook keeps its packages from wiring
 * anyone (and keeps it out of every resolution), the collision hook lets a fresh install carry its symbolic name
 * and version, and its services vanish for everyone (the service hooks: a stuck activation leaves a registered
 * service whose every use would hang).
 *
 * <p>The hooks are registered when the first bundle is left behind, not before: a framework with service hooks
 * runs every service lookup and event through them, and one with a resolver hook every resolution, which cost
 * each swap about a millisecond (a sixth of a plugin's start) while nothing is stuck, as nearly always.
 */
@Component(service = Abandoned.class)
public final class Abandoned implements ResolverHookFactory, CollisionHook, FindHook, EventListenerHook {

    private static final String[] HOOKS = {ResolverHookFactory.class.getName(), CollisionHook.class.getName(),
        FindHook.class.getName(), EventListenerHook.class.getName()};

    /** A bundle left behind, and the thread stuck in it. */
    public record Stuck(String name, String version, long bundleId, String what, String thread, String stack) {
    }

    private final Map<Long, Stuck> stuck = new ConcurrentHashMap<>();
    private final BundleContext context;
    private ServiceRegistration<?> hooks;

    @Activate
    public Abandoned(BundleContext context) {
        this.context = context;
    }

    @Deactivate
    synchronized void unregisterHooks() {
        if (hooks != null) {
            hooks.unregister();
            hooks = null;
        }
    }

    /** From the first bundle left behind on: before the container goes on to install anything beside it. */
    private synchronized void registerHooks() {
        if (hooks == null) {
            hooks = context.registerService(HOOKS, this, null);
        }
    }

    void add(Bundle bundle, String name, String what, Thread thread) {
        String stack = "";
        String threadName = "unknown";
        if (thread != null) {
            threadName = thread.getName();
            var frames = new StringBuilder();
            for (StackTraceElement frame : thread.getStackTrace()) {
                frames.append("\tat ").append(frame).append('\n');
            }
            stack = frames.toString();
        }
        stuck.put(bundle.getBundleId(), new Stuck(name, bundle.getVersion().toString(), bundle.getBundleId(), what,
                threadName, stack));
        registerHooks();
    }

    /** Whether the bundle was left behind. */
    public boolean contains(long bundleId) {
        return stuck.containsKey(bundleId);
    }

    /** The bundles of a hosted name left behind, oldest first. */
    public List<Stuck> of(String name) {
        return stuck.values().stream().filter(s -> s.name().equals(name))
                .sorted(java.util.Comparator.comparingLong(Stuck::bundleId)).toList();
    }

    Optional<Stuck> get(long bundleId) {
        return Optional.ofNullable(stuck.get(bundleId));
    }

    @Override
    public ResolverHook begin(Collection<BundleRevision> triggers) {
        return new ResolverHook() {
            @Override
            public void filterResolvable(Collection<BundleRevision> candidates) {
                candidates.removeIf(r -> contains(r.getBundle().getBundleId()));
            }

            @Override
            public void filterSingletonCollisions(BundleCapability singleton, Collection<BundleCapability> collisions) {
                collisions.removeIf(c -> contains(c.getRevision().getBundle().getBundleId()));
            }

            @Override
            public void filterMatches(BundleRequirement requirement, Collection<BundleCapability> candidates) {
                candidates.removeIf(c -> contains(c.getRevision().getBundle().getBundleId()));
            }

            @Override
            public void end() {
            }
        };
    }

    @Override
    public void find(BundleContext finder, String name, String filter, boolean allServices,
            Collection<ServiceReference<?>> references) {
        references.removeIf(r -> r.getBundle() != null && contains(r.getBundle().getBundleId()));
    }

    @Override
    public void event(ServiceEvent event, Map<BundleContext, Collection<ListenerInfo>> listeners) {
        Bundle bundle = event.getServiceReference().getBundle();
        if (bundle != null && contains(bundle.getBundleId()) && event.getType() != ServiceEvent.UNREGISTERING) {
            listeners.clear();
        }
    }

    @Override
    public void filterCollisions(int operationType, Bundle target, Collection<Bundle> collisionCandidates) {
        collisionCandidates.removeIf(b -> contains(b.getBundleId()));
    }
}
