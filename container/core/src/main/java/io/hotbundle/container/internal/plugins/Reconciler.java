package io.hotbundle.container.internal.plugins;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import java.lang.System.Logger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import org.osgi.framework.Version;

import io.hotbundle.api.PluginInfo;
import io.hotbundle.api.PluginStatus;
import io.hotbundle.container.internal.admission.Admission;
import io.hotbundle.container.internal.artifacts.Artifact;
import io.hotbundle.container.internal.artifacts.ArtifactStore;
import io.hotbundle.container.internal.deploy.InvalidArchiveException;
import io.hotbundle.container.internal.reload.ReloadEvents;

/**
 * Brings the hosted bundles in line with the deploy folder: the folder's files are the desired state
 * ({@link FolderEntries}), the hosted bundles the observed one. Each reconciliation takes every file that changed
 * since the last one, admits what it can ({@link Admission}), plans ({@link Planner}), installs what is new,
 * swaps what changed as transactions ({@link Swaps}), and starts as one set whatever is not serving yet: the new
 * bundles and those that waited for something ({@link Starter}). Confined to the deployer's worker thread.
 */
final class Reconciler {

    private static final Logger LOG = System.getLogger("hotbundle");

    private final Units units;
    private final FolderEntries entries;
    private final Admission admission;
    private final Planner planner;
    private final Swaps swaps;
    private final Starter starter;
    private final Outcomes outcomes;
    private final BundleOps ops;
    private final SwapSettings settings;
    private final ArtifactStore store;
    private final LastGood lastGood;
    private final Predicate<String> paused;
    private final Publisher publisher;
    private final Sources sources;

    /** Publishes what the reconciler did, for readers on other threads. */
    interface Publisher {
        void publish(Collection<Unit> changed);

        void forget(String name);

        /** What the registry shows of a hosted bundle now. */
        Optional<PluginInfo> get(String name);
    }

    Reconciler(Units units, FolderEntries entries, Admission admission, Planner planner, Swaps swaps, Starter starter,
            Outcomes outcomes, BundleOps ops, SwapSettings settings, ArtifactStore store, LastGood lastGood,
            Predicate<String> paused, Publisher publisher, Sources sources) {
        this.units = units;
        this.entries = entries;
        this.admission = admission;
        this.planner = planner;
        this.swaps = swaps;
        this.starter = starter;
        this.outcomes = outcomes;
        this.ops = ops;
        this.settings = settings;
        this.store = store;
        this.lastGood = lastGood;
        this.paused = paused;
        this.publisher = publisher;
        this.sources = sources;
    }

    /** Takes the files as they are now; {@code initial}: the folder as the container found it at start. */
    void reconcile(Collection<Path> files, boolean initial) throws InterruptedException {
        var phases = new Phases();
        var plan = new Plan();
        for (Path file : new TreeSet<>(files)) {
            if (sources.wanted(file)) {
                admit(file, plan, initial);
            } else {
                entries.remove(file);
                planner.gone(file, plan);
            }
        }
        if (!plan.isEmpty() || initial) {
            retryCandidates(plan);
        }
        phases.mark("admission and plan");
        execute(plan, phases);
        files.forEach(file -> sources.handled(file, concerning(file).flatMap(u -> publisher.get(u.name))));
        LOG.log(DEBUG, "reconciled {0} file(s): {1}", files.size(), phases);
    }

    /** The hosted bundle a file is a build of (serving it, trying it, or refused by it), if any. */
    private Optional<Unit> concerning(Path file) {
        Optional<Unit> direct = units.all().stream()
                .filter(u -> file.equals(u.file) || file.equals(u.candidateFile)).findFirst();
        return direct.or(() -> entries.get(file)
                .flatMap(e -> units.withSymbolicName(e.artifact().symbolicName()).stream().findFirst()));
    }

    private void admit(Path file, Plan plan, boolean initial) throws InterruptedException {
        if (Files.isSymbolicLink(file)) {
            // A link could bring in anything from anywhere; the folder holds what is deployed, nothing else.
            LOG.log(WARNING, "ignored {0}: a symbolic link; links in the deploy folder are not followed",
                    file.getFileName());
            return;
        }
        Artifact artifact;
        try {
            artifact = admission.admit(file, policy(), this::servingVersion);
            Optional<String> expected = sources.expectedDigest(file);
            if (expected.isPresent() && !expected.get().equals(artifact.digest())) {
                throw new InvalidArchiveException(Admission.REFUSED + "digest mismatch: " + sources.origin(file)
                        + " should have SHA-256 " + expected.get() + ", it has " + artifact.digest());
            }
        } catch (InvalidArchiveException e) {
            String reason = e.getMessage();
            boolean refused = reason.startsWith(Admission.REFUSED);
            sources.refused(file, reason);
            LOG.log(WARNING, "{0} {1}: {2}{3}", refused ? "refused" : "ignored", file.getFileName(),
                    refused ? reason.substring(Admission.REFUSED.length()) : reason, servingNote(file));
            if (initial) {
                recoverUnreadable(file, e.getMessage(), plan);
            }
            return;
        }
        entries.put(file, artifact);
        planner.admitted(file, artifact, plan);
    }

    /**
     * At start, a file that cannot be admitted may be the file a hosted bundle served from before the restart (it
     * cannot be read now, say): its last good build serves instead of nothing.
     */
    private void recoverUnreadable(Path file, String why, Plan plan) {
        for (String name : lastGood.fromFile(file)) {
            lastGood.artifact(name, settings.now().limits()).ifPresent(kept -> {
                LOG.log(WARNING, "{0}: {1} cannot be used ({2}); its last good version {3} serves", name,
                        file.getFileName(), why, kept.version());
                plan.installs.add(new Plan.Install(name, new Plan.Target(kept, file)));
            });
        }
    }

    /** Builds that waited for something no hosted bundle provided: the bundles changed, so they try again. */
    private void retryCandidates(Plan plan) {
        for (Unit unit : units.all()) {
            if (unit.candidate != null && !plan.swaps.containsKey(unit) && !plan.removals.contains(unit)
                    && !paused.test(unit.name)) {
                plan.swaps.put(unit, new Plan.Target(unit.candidate, unit.candidateFile));
            }
        }
    }

    private void execute(Plan plan, Phases phases) throws InterruptedException {
        List<Unit> toStart = new ArrayList<>(install(plan.installs));
        for (var swap : List.copyOf(plan.swaps.entrySet())) {
            Unit unit = swap.getKey();
            if (!unit.served()) {
                plan.swaps.remove(unit); // never served: nothing to roll back to, so a plain second try
                if (replaceUnserved(unit, swap.getValue())) {
                    toStart.add(unit);
                }
            }
        }
        phases.mark("install");
        swaps.run(plan.swaps, plan.removals, outcomes::settled);
        phases.mark("swaps");
        plan.removals.forEach(this::forget);
        units.all().stream().filter(u -> u.status == PluginStatus.WAITING && !toStart.contains(u)).forEach(toStart::add);
        starter.start(toStart);
        phases.mark("starts");
        publisher.publish(units.withNeighbours(toStart));
        collectGarbage();
        phases.mark("publish and clean up");
    }

    private List<Unit> install(List<Plan.Install> installs) throws InterruptedException {
        var installed = new ArrayList<Unit>();
        for (Plan.Install install : installs) {
            var unit = new Unit(install.name(), install.target().artifact(), install.target().file());
            try {
                unit.bundle = ops.install(unit.location(), unit.artifact, settings.now().refresh());
            } catch (SwapFailure e) {
                LOG.log(ERROR, "could not install {0}: {1}", unit.file == null ? unit.name : unit.file.getFileName(),
                        e.getMessage());
                continue;
            }
            units.add(unit);
            installed.add(unit);
        }
        return installed;
    }

    private boolean replaceUnserved(Unit unit, Plan.Target target) throws InterruptedException {
        try {
            ops.update(unit.bundle, target.artifact(), settings.now().refresh());
        } catch (SwapFailure e) {
            unit.status(PluginStatus.FAILED, e.getMessage());
            return false;
        }
        unit.artifact = target.artifact();
        unit.file = target.file();
        unit.candidate = null;
        unit.candidateFile = null;
        return true;
    }

    /** A removed bundle leaves the registry; its saved state stays, for when it comes back. */
    private void forget(Unit unit) {
        units.remove(unit);
        planner.forget(unit.name);
        publisher.forget(unit.name);
        LOG.log(INFO, "removed {0} {1}: {2} was deleted", unit.name, unit.version(),
                unit.file == null ? "its file" : unit.file.getFileName());
    }

    /** Applies what waited while the unit was paused. */
    void resumed(String name) throws InterruptedException {
        Optional<Path> waiting = planner.resumed(name);
        if (waiting.isPresent()) {
            reconcile(List.of(waiting.get()), false);
        } else {
            publisher.publish(units.all());
        }
    }

    /** Shows pause states as they are now. */
    void republish() {
        publisher.publish(units.all());
    }

    Units units() {
        return units;
    }

    Admission.Policy policy() {
        SwapSettings.Values now = settings.now();
        return new Admission.Policy(now.limits(), now.trustRequired(), now.signatures(), now.trustProblem(),
                now.refuseDowngrades());
    }

    private Optional<Version> servingVersion(String symbolicName) {
        return units.withSymbolicName(symbolicName).stream().map(u -> u.artifact.version()).max(Version::compareTo);
    }

    private String servingNote(Path file) {
        return units.fromFile(file).stream().map(u -> "; " + u.name + " " + u.version() + " keeps serving")
                .findFirst().orElse("");
    }

    /** The store keeps what serves, what served before, what waits, the folder's files and the last good builds. */
    private void collectGarbage() {
        Set<String> keep = new HashSet<>(entries.digests());
        keep.addAll(lastGood.digests());
        for (Unit unit : units.all()) {
            keep.add(unit.artifact.digest());
            if (unit.previous != null) {
                keep.add(unit.previous.digest());
            }
            if (unit.candidate != null) {
                keep.add(unit.candidate.digest());
            }
        }
        store.retainOnly(keep);
    }
}
