package io.hotbundle.container.internal.plugins;

import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;

import java.lang.System.Logger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import io.hotbundle.api.PluginStatus;
import io.hotbundle.container.internal.artifacts.Artifact;
import io.hotbundle.container.internal.graph.Wiring;

/**
 * Starts bundles that are not serving yet, as one set: first deployments (the whole folder at start, so that file
 * names never decide the order), and bundles that wait for something and may now have it. The set is resolved at
 * once and started providers first; what cannot resolve waits, naming what it needs, and is tried again whenever
 * the hosted bundles change. A build that does not serve falls back on the last good build of its name, if the
 * container kept one (after a crash, the folder may hold a build that never served).
 */
final class Starter {

    private static final Logger LOG = System.getLogger("hotbundle");

    private final BundleContext context;
    private final BundleOps ops;
    private final ActivationCheck activation;
    private final LastGood lastGood;
    private final InFlight inFlight;
    private final Abandoned abandoned;
    private final SwapSettings settings;

    Starter(BundleContext context, BundleOps ops, ActivationCheck activation, LastGood lastGood, InFlight inFlight,
            Abandoned abandoned, SwapSettings settings) {
        this.context = context;
        this.ops = ops;
        this.activation = activation;
        this.lastGood = lastGood;
        this.inFlight = inFlight;
        this.abandoned = abandoned;
        this.settings = settings;
    }

    /** Starts what can start among the units; returns the units that serve now. */
    List<Unit> start(Collection<Unit> units) throws InterruptedException {
        var started = new ArrayList<Unit>();
        List<Bundle> bundles = units.stream().filter(u -> u.bundle != null).map(u -> u.bundle).toList();
        ops.resolve(bundles);
        for (Bundle bundle : Wiring.providersFirst(bundles)) {
            Unit unit = units.stream().filter(u -> u.bundle == bundle).findFirst().orElseThrow();
            if (bundle.getState() == Bundle.INSTALLED) {
                waits(unit);
            } else if (startOne(unit)) {
                started.add(unit);
            }
        }
        return started;
    }

    private boolean startOne(Unit unit) throws InterruptedException {
        long began = System.nanoTime();
        SwapSettings.Values now = settings.now();
        String digest = unit.artifact.digest();
        try {
            if (inFlight.endedTheProcess(unit.name, digest)) {
                throw new SwapFailure("it ended the process while it started last time (crash-loop guard)");
            }
            if (lastGood.wasRolledBack(unit.name, digest)) {
                throw new SwapFailure("it was rolled back before; it is tried again when its file changes");
            }
            inFlight.starting(unit.name, digest);
            ops.start(unit.bundle, now.activation());
            ops.within(now.activation(), "activation", () -> {
                activation.check(unit.bundle, false);
                return null;
            });
            inFlight.done(unit.name);
            boolean first = !unit.served();
            unit.served(unit.artifact, unit.file);
            lastGood.keep(unit.name, unit.artifact, unit.file);
            LOG.log(INFO, "{0} {1} {2} from {3} (bundle {4}) in {5} ms", first ? "deployed" : "started", unit.name,
                    unit.version(), unit.file == null ? "the last good copy" : unit.file.getFileName(),
                    unit.bundle.getBundleId(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
            return true;
        } catch (SwapFailure failure) {
            inFlight.done(unit.name);
            if (failure.stuckThread() != null) {
                abandoned.add(unit.bundle, unit.name, "activation", failure.stuckThread());
                unit.abandoned++;
            }
            LOG.log(ERROR, "{0} {1} from {2} does not serve: {3}", unit.name, unit.version(),
                    unit.file == null ? "?" : unit.file.getFileName(), failure.getMessage());
            unit.rejectedDigest = digest;
            return fallBack(unit, failure.getMessage(), failure.stuckThread() != null);
        }
    }

    /** Puts the last good build of the unit in place of the one that does not serve. */
    private boolean fallBack(Unit unit, String failure, boolean stuck) throws InterruptedException {
        SwapSettings.Values now = settings.now();
        Optional<Artifact> kept = lastGood.artifact(unit.name, now.limits())
                .filter(a -> !a.digest().equals(unit.artifact.digest()));
        String failedVersion = unit.version();
        String failedDigest = unit.artifact.digest();
        if (kept.isEmpty()) {
            if (!stuck) {
                stopQuietly(unit);
            }
            unit.status(PluginStatus.FAILED, failure);
            return false;
        }
        try {
            if (stuck) {
                unit.bundle = ops.install(unit.location(), kept.get(), now.refresh());
            } else {
                ops.stop(unit.bundle, now.deactivation());
                ops.update(unit.bundle, kept.get(), now.refresh());
            }
            ops.start(unit.bundle, now.activation());
            ops.within(now.activation(), "activation", () -> {
                activation.check(unit.bundle, false);
                return null;
            });
        } catch (SwapFailure e) {
            LOG.log(ERROR, "the last good version of {0} does not serve either: {1}", unit.name, e.getMessage());
            unit.status(PluginStatus.FAILED, failure);
            return false;
        }
        unit.artifact = kept.get();
        unit.generation++;
        unit.status(PluginStatus.ROLLED_BACK, "rolled back " + failedVersion + ": " + failure
                + "; the last good version serves");
        lastGood.rolledBack(unit.name, failedDigest);
        LOG.log(INFO, "{0}: the last good version {1} serves, since {2} does not", unit.name, unit.version(),
                failedVersion);
        return true;
    }

    private void stopQuietly(Unit unit) throws InterruptedException {
        try {
            ops.stop(unit.bundle, settings.now().deactivation());
        } catch (SwapFailure e) {
            // It did not serve; whether it stops is its own affair.
        }
    }

    /** A unit that cannot resolve: it waits for what it names, and says so once. */
    private void waits(Unit unit) {
        List<String> missing = Wiring.missing(context, unit.bundle, abandoned::contains);
        String why = missing.isEmpty() ? "it does not resolve (a uses conflict?)" : "waits for " + String.join(", ", missing);
        if (unit.status != PluginStatus.WAITING || !why.equals(unit.problem)) {
            LOG.log(INFO, "{0} {1} {2}", unit.name, unit.version(), why);
        }
        unit.waiting(missing, why);
    }
}
