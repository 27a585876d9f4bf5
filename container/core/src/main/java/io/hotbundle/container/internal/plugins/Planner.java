package io.hotbundle.container.internal.plugins;

import static java.lang.System.Logger.Level.INFO;

import java.lang.System.Logger;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import io.hotbundle.container.internal.artifacts.Artifact;
import io.hotbundle.container.internal.graph.PreCheck;

/**
 * Decides what changed files mean for the hosted bundles: install, swap, wait, skip, remove, or a library version
 * beside the one hosted. Confined to the deployer's worker thread; the {@link Reconciler} carries the plan out.
 */
final class Planner {

    private static final Logger LOG = System.getLogger("hotbundle");

    private final Units units;
    private final FolderEntries entries;
    private final Predicate<String> paused;
    private final PreCheck preCheck;
    /** Per paused unit, the newest file that waits for its resume. */
    private final Map<String, Path> waitingForResume = new HashMap<>();

    private final Sources sources;

    Planner(Units units, FolderEntries entries, Predicate<String> paused, PreCheck preCheck, Sources sources) {
        this.sources = sources;
        this.units = units;
        this.entries = entries;
        this.paused = paused;
        this.preCheck = preCheck;
    }

    /** A file whose content was admitted: what it asks for. */
    void admitted(Path file, Artifact artifact, Plan plan) {
        List<Unit> sameName = units.withSymbolicName(artifact.symbolicName());
        Unit unit = sameName.stream().filter(u -> file.equals(u.file)).findFirst()
                .or(() -> sameName.stream().filter(u -> u.artifact.version().getMajor() == artifact.version().getMajor())
                        .findFirst())
                .orElse(sameName.isEmpty() ? null : sameName.get(0));
        var target = new Plan.Target(artifact, file);
        if (unit == null) {
            plan.installs.removeIf(i -> i.name().equals(artifact.symbolicName()));
            plan.installs.add(new Plan.Install(artifact.symbolicName(), target));
        } else if (artifact.digest().equals(unit.artifact.digest())) {
            unit.file = file;
            if (file.equals(unit.candidateFile)) {
                unit.candidate = null; // the file holds the serving build again
                unit.candidateFile = null;
            }
        } else if (artifact.digest().equals(unit.rejectedDigest) && !sources.offeredAgain(file)) {
            LOG.log(INFO, "skipped {0}: this build of {1} was rolled back; it is tried again when the file changes",
                    file.getFileName(), unit.name);
        } else if (paused.test(unit.name)) {
            waitingForResume.put(unit.name, file);
            LOG.log(INFO, "{0} is paused: {1} waits for resume", unit.name, file.getFileName());
        } else if (!file.equals(unit.file) && entries.contains(unit.file) && besideIt(unit, artifact)) {
            String name = artifact.symbolicName() + "@" + artifact.version().getMajor();
            plan.installs.add(new Plan.Install(name, target));
            LOG.log(INFO, "{0} {1} from {2} cannot serve what uses {3} {4}: installed beside it as {5}",
                    artifact.symbolicName(), artifact.version(), file.getFileName(), unit.name, unit.version(), name);
        } else {
            plan.swaps.put(unit, target);
        }
    }

    /** A file that went: its bundle goes too, unless another file carries the same symbolic name. */
    void gone(Path file, Plan plan) {
        for (Unit unit : units.fromFile(file)) {
            Optional<FolderEntries.Entry> successor = entries.successor(unit.artifact.symbolicName())
                    .filter(e -> units.fromFile(e.file()).isEmpty());
            if (successor.isPresent()) {
                // greeter-1.0.1.jar replaced by greeter-1.0.2.jar: a swap, not an uninstall and an install.
                plan.swaps.put(unit, new Plan.Target(successor.get().artifact(), successor.get().file()));
            } else {
                plan.removals.add(unit);
            }
        }
        for (Unit unit : units.all()) {
            if (file.equals(unit.candidateFile)) {
                unit.candidate = null;
                unit.candidateFile = null;
            }
        }
        waitingForResume.values().removeIf(file::equals);
    }

    /** What waited for the unit's resume, taken away. */
    Optional<Path> resumed(String name) {
        return Optional.ofNullable(waitingForResume.remove(name));
    }

    void forget(String name) {
        waitingForResume.remove(name);
    }

    /**
     * A major version of a library, in a file of its own, that cannot serve the bundles using the hosted version:
     * each dependent keeps the version it asks for, and the new one serves whoever asks for it.
     */
    private boolean besideIt(Unit unit, Artifact artifact) {
        return !artifact.headers().exports().isEmpty() && !unit.artifact.headers().exports().isEmpty()
                && artifact.version().getMajor() != unit.artifact.version().getMajor() && unit.bundle != null
                && !preCheck.problems(Map.of(unit.bundle, artifact), List.of()).isEmpty();
    }
}
