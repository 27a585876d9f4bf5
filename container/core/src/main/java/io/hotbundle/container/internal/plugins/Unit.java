package io.hotbundle.container.internal.plugins;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.osgi.framework.Bundle;

import io.hotbundle.api.PluginStatus;
import io.hotbundle.container.internal.artifacts.Artifact;

/**
 * One hosted bundle (a plugin, an API or a library) as the deployer tracks it: what is installed, what served
 * before, what waits to be tried, and where it came from. Confined to the deployer's worker thread; other threads
 * see only the snapshots it publishes ({@link PublishedPlugins}). The generation lives here and nowhere else.
 */
final class Unit {

    /** The name in the registry: the symbolic name, or {@code name@major} for a library installed beside another. */
    final String name;
    /** The framework bundle installed now; a new one when a stuck bundle had to be left behind. */
    Bundle bundle;
    /** The build installed now: what a failed swap of another member puts back. */
    Artifact artifact;
    /** The build that served before this one, for an operator's rollback; null until a swap succeeded. */
    Artifact previous;
    /** The source file the installed build came from. */
    Path file;
    /** The source file and build of a newer version that waits for something no hosted bundle provides yet. */
    Path candidateFile;
    Artifact candidate;
    /** The digest of the last build that was rolled back for good: not tried again until its file changes. */
    String rejectedDigest;
    long generation;
    PluginStatus status = PluginStatus.WAITING;
    String problem;
    List<String> waitingFor = List.of();
    Instant since = Instant.now();
    /** How many stuck bundles of this unit were left behind: each fresh install needs a location of its own. */
    int abandoned;

    Unit(String name, Artifact artifact, Path file) {
        this.name = name;
        this.artifact = artifact;
        this.file = file;
    }

    String version() {
        return artifact.version().toString();
    }

    /** The location of this unit's next fresh install. */
    String location() {
        return BundleOps.LOCATION_PREFIX + name + (abandoned == 0 ? "" : "#" + abandoned);
    }

    /** Whether this unit served (or serves) in this run: it has something to roll back to. */
    boolean served() {
        return generation > 0;
    }

    void status(PluginStatus newStatus, String why) {
        if (newStatus != status || !java.util.Objects.equals(why, problem)) {
            since = Instant.now();
        }
        status = newStatus;
        problem = why;
        if (newStatus != PluginStatus.WAITING) {
            waitingFor = List.of();
        }
    }

    void waiting(List<String> requirements, String why) {
        status(PluginStatus.WAITING, why);
        waitingFor = List.copyOf(requirements);
    }

    /** A build of it now serves: the generation moves on, the candidate (if it was this build) is done. */
    void served(Artifact next, Path from) {
        if (artifact != null && !next.digest().equals(artifact.digest()) && served()) {
            previous = artifact;
        }
        artifact = next;
        file = from;
        generation++;
        if (candidate != null && candidate.digest().equals(next.digest())) {
            candidate = null;
            candidateFile = null;
        }
        status(PluginStatus.SERVING, null);
    }

    @Override
    public String toString() {
        return name + " " + version();
    }
}
