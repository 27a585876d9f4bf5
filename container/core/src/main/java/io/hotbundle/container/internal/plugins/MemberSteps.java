package io.hotbundle.container.internal.plugins;

import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.WARNING;

import java.lang.System.Logger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import io.hotbundle.container.internal.artifacts.Artifact;
import io.hotbundle.container.internal.graph.Wiring;
import io.hotbundle.container.internal.leaks.LeakWatch;
import io.hotbundle.container.internal.state.StateStore;

/**
 * The framework steps of a swap over a set of members, each bounded ({@link BundleOps}): stop, apply the new
 * builds, refresh, resolve, start and prove; and the way back. A member whose thread is stuck is left behind
 * ({@link Abandoned}) and comes back as a fresh install of the build it must serve.
 */
final class MemberSteps {

    private static final Logger LOG = System.getLogger("hotbundle");

    private final BundleContext context;
    private final BundleOps ops;
    private final ActivationCheck activation;
    private final StateStore states;
    private final LeakWatch leaks;
    private final Abandoned abandoned;
    private final InFlight inFlight;

    MemberSteps(BundleContext context, BundleOps ops, ActivationCheck activation, StateStore states, LeakWatch leaks,
            Abandoned abandoned, InFlight inFlight) {
        this.context = context;
        this.ops = ops;
        this.activation = activation;
        this.states = states;
        this.leaks = leaks;
        this.abandoned = abandoned;
        this.inFlight = inFlight;
    }

    /**
     * Stops the members, users before what they use, and keeps the state each handed off, whether or not its stop
     * finished: the last state a version saved is what the version serving next gets.
     *
     * <p>A version whose stop fails (throws, or never returns) does not keep the next one out: it is the old
     * version that failed, and rolling back to it would bring back what cannot even stop, so a fix could never get
     * in. The swap goes on; a stuck bundle is left behind and its member comes back as a fresh install ({@link
     * #apply}).
     */
    void stopAll(List<Member> members, SwapSettings.Values now) throws InterruptedException {
        List<Bundle> order = new ArrayList<>(Wiring.providersFirst(SetSwap.bundles(members)));
        java.util.Collections.reverse(order);
        for (Bundle bundle : order) {
            Member m = memberOf(members, bundle);
            var names = new AtomicReference<Set<String>>(Set.of());
            try {
                // The version's class names, for the leak watch, are read while it stops rather than after.
                ops.stop(bundle, now.deactivation(), () -> names.set(leaks.classNames(bundle)));
            } catch (SwapFailure failure) {
                leaveBehind(m, "deactivation", failure);
                LOG.log(WARNING, "{0} {1} did not stop cleanly ({2}); the swap goes on without it", m.unit.name,
                        m.unit.version(), failure.getMessage());
            } finally {
                m.handedOff = states.get(m.unit.name);
            }
            m.retiring = m.stuck ? null : leaks.retiring(bundle, names.get());
        }
    }

    /** Puts the new builds in place (update, uninstall) and refreshes what is wired to the old ones. */
    void apply(List<Member> members, SwapSettings.Values now) throws SwapFailure, InterruptedException {
        var refresh = new LinkedHashSet<Bundle>();
        for (Member m : members) {
            try {
                if (m.removed()) {
                    if (!m.stuck) {
                        ops.uninstall(m.unit.bundle, now.refresh());
                        refresh.add(m.unit.bundle);
                    }
                } else if (m.stuck) {
                    // Its old bundle is left behind: the build it must run comes as a fresh bundle beside it.
                    Artifact build = m.target ? m.next : m.unit.artifact;
                    inFlight.starting(m.unit.name, build.digest());
                    m.unit.bundle = ops.install(m.unit.location(), build, now.refresh());
                    m.stuck = false;
                } else if (m.target) {
                    inFlight.starting(m.unit.name, m.next.digest());
                    ops.update(m.unit.bundle, m.next, now.refresh());
                    refresh.add(m.unit.bundle);
                }
            } catch (SwapFailure failure) {
                leaveBehind(m, m.removed() ? "uninstall" : "update", failure);
                throw new SwapFailure(m.unit.name + ": " + failure.getMessage());
            }
        }
        boolean rewire = false;
        for (Member m : members) {
            if (!m.removed() && Wiring.providers(m.unit.bundle).stream().anyMatch(b -> abandoned.contains(b.getBundleId()))) {
                refresh.add(m.unit.bundle); // wired to a bundle left behind: rewire it to the fresh install
                rewire = true;
            }
        }
        ops.refresh(refresh, rewire, now.refresh());
    }

    /**
     * Resolves and starts the members, providers first, then proves that every one serves. After a removal, a
     * member that cannot resolve any more is left waiting ({@link Member#missing}) instead of failing the set.
     */
    void startAll(List<Member> members, SwapSettings.Values now, boolean removal) throws SwapFailure, InterruptedException {
        List<Member> present = members.stream().filter(m -> !m.removed()).toList();
        List<Bundle> bundles = SetSwap.bundles(present);
        if (!ops.resolve(bundles)) {
            SwapFailure unnamed = null;
            for (Member m : present) {
                if (m.unit.bundle.getState() == Bundle.INSTALLED) {
                    List<Wiring.Need> needs = Wiring.needs(context, m.unit.bundle, abandoned::contains);
                    List<String> missing = needs.stream().map(Wiring.Need::toString).distinct().sorted().toList();
                    if (removal) {
                        m.missing = missing.isEmpty() ? List.of("its requirements (it does not resolve)") : missing;
                    } else if (!missing.isEmpty()) {
                        // The member that names what it misses is the cause; the others fail only because of it.
                        throw SwapFailure.waiting(m.unit.name + " " + version(m) + " needs " + String.join(", ", missing),
                                needs);
                    } else if (unnamed == null) {
                        unnamed = new SwapFailure(m.unit.name + " " + version(m) + " does not resolve");
                    }
                }
            }
            if (unnamed != null) {
                throw unnamed;
            }
        }
        List<Bundle> resolved = bundles.stream().filter(b -> b.getState() != Bundle.INSTALLED).toList();
        for (Bundle bundle : Wiring.providersFirst(resolved)) {
            Member m = memberOf(members, bundle);
            step(m, removal, "activation", () -> ops.start(bundle, now.activation()));
        }
        for (Bundle bundle : resolved) {
            Member m = memberOf(members, bundle);
            if (m.failure == null) {
                step(m, removal, "activation", () -> ops.within(now.activation(), "activation", () -> {
                    activation.check(bundle, m.unit.served());
                    return null;
                }));
            }
        }
        members.forEach(m -> inFlight.done(m.unit.name));
        for (Member m : members) {
            // Only a version whose class loader was replaced is on its way out (a restart keeps the loader).
            var wiring = m.removed() ? null : m.unit.bundle.adapt(org.osgi.framework.wiring.BundleWiring.class);
            if (m.retiring != null && (wiring == null || wiring.getClassLoader() != m.retiring.loader().get())) {
                leaks.retired(m.retiring);
            }
        }
    }

    /** Waits (bounded) until the state each member handed off is written, or its write failed. */
    void awaitStateWritten(List<Member> members, SwapSettings.Values now) {
        long deadline = System.nanoTime() + now.deactivation().toNanos();
        for (Member m : members) {
            states.awaitWritten(m.unit.name, java.time.Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
    }

    @FunctionalInterface
    private interface Action {
        void run() throws SwapFailure, InterruptedException;
    }

    /** Runs a start step; after a removal a failure is the member's alone, otherwise it fails the whole set. */
    private void step(Member m, boolean tolerant, String what, Action action) throws SwapFailure, InterruptedException {
        try {
            action.run();
        } catch (SwapFailure failure) {
            leaveBehind(m, what, failure);
            String reason = m.unit.name + " " + version(m) + ": " + failure.getMessage();
            if (!tolerant) {
                throw new SwapFailure(reason);
            }
            m.failure = failure.getMessage();
        }
    }

    /**
     * The way back: stops what started, gives every member the state it handed off, puts each member's previous
     * build back (a fresh install where its bundle is stuck), and starts them again.
     *
     * @return "name: reason" for each member that could not be put back
     */
    List<String> restore(List<Member> members, SwapSettings.Values now) throws InterruptedException {
        var failed = new ArrayList<String>();
        List<Bundle> order = new ArrayList<>(Wiring.providersFirst(SetSwap.bundles(members)));
        java.util.Collections.reverse(order);
        for (Bundle bundle : order) {
            Member m = memberOf(members, bundle);
            if (!m.stuck && (bundle.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0) {
                try {
                    ops.stop(bundle, now.deactivation());
                } catch (SwapFailure failure) {
                    leaveBehind(m, "deactivation", failure);
                }
            }
        }
        members.forEach(m -> states.reset(m.unit.name, m.handedOff));
        var refresh = new LinkedHashSet<Bundle>();
        for (Member m : members) {
            try {
                putBack(m, now, refresh);
            } catch (SwapFailure failure) {
                failed.add(m.unit.name + ": " + failure.getMessage());
            }
        }
        boolean rewire = false;
        for (Member m : members) {
            if (!m.stuck && Wiring.providers(m.unit.bundle).stream().anyMatch(b -> abandoned.contains(b.getBundleId()))) {
                refresh.add(m.unit.bundle); // wired to a bundle left behind: rewire it to the fresh install
                rewire = true;
            }
        }
        try {
            ops.refresh(refresh, rewire, now.refresh());
            List<Member> back = members.stream().filter(m -> failed.stream().noneMatch(f -> f.startsWith(m.unit.name + ": ")))
                    .toList();
            startAllForRollback(back, now, failed);
        } catch (SwapFailure failure) {
            members.forEach(m -> failed.add(m.unit.name + ": " + failure.getMessage()));
        }
        members.forEach(m -> inFlight.done(m.unit.name));
        return failed;
    }

    private void putBack(Member m, SwapSettings.Values now, Set<Bundle> refresh) throws SwapFailure, InterruptedException {
        Artifact previous = m.unit.artifact;
        if (m.stuck || m.unit.bundle.getState() == Bundle.UNINSTALLED) {
            m.unit.bundle = ops.install(m.unit.location(), previous, now.refresh());
            m.stuck = false;
        } else if (m.next == null || !m.next.digest().equals(previous.digest())) {
            ops.update(m.unit.bundle, previous, now.refresh());
            refresh.add(m.unit.bundle);
        }
    }

    private void startAllForRollback(List<Member> members, SwapSettings.Values now, List<String> failed)
            throws InterruptedException {
        List<Bundle> bundles = SetSwap.bundles(members);
        ops.resolve(bundles);
        for (Bundle bundle : Wiring.providersFirst(bundles)) {
            Member m = memberOf(members, bundle);
            try {
                if (bundle.getState() == Bundle.INSTALLED) {
                    throw new SwapFailure("it does not resolve any more: " + String.join(", ",
                            Wiring.missing(context, bundle, abandoned::contains)));
                }
                ops.start(bundle, now.activation());
                ops.within(now.activation(), "activation", () -> {
                    activation.check(bundle, false);
                    return null;
                });
            } catch (SwapFailure failure) {
                leaveBehind(m, "activation", failure);
                failed.add(m.unit.name + ": " + failure.getMessage());
            }
        }
    }

    /** When a step's thread is stuck in the member's bundle: the bundle is left behind, never touched again. */
    private void leaveBehind(Member m, String what, SwapFailure failure) {
        if (failure.stuckThread() == null || m.stuck) {
            return;
        }
        m.stuck = true;
        abandoned.add(m.unit.bundle, m.unit.name, what, failure.stuckThread());
        m.unit.abandoned++;
        LOG.log(ERROR, "{0}: bundle {1} is left behind, its thread ''{2}'' stuck in its {3}; a restart frees it",
                m.unit.name, m.unit.bundle.getBundleId(), failure.stuckThread().getName(), what);
    }

    private static Member memberOf(List<Member> members, Bundle bundle) {
        for (Member m : members) {
            if (m.unit.bundle.equals(bundle)) {
                return m;
            }
        }
        throw new IllegalStateException("not a member: " + bundle);
    }

    private static String version(Member m) {
        return m.next == null ? m.unit.version() : m.next.version().toString();
    }
}
