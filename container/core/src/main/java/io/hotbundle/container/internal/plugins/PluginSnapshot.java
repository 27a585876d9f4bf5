package io.hotbundle.container.internal.plugins;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.hotbundle.api.PluginInfo;
import io.hotbundle.api.PluginStatus;

/** The container's {@link PluginInfo}: an immutable snapshot of one hosted bundle. */
record PluginSnapshot(String name, String symbolicName, String version, Kind kind, String origin, Optional<Path> file,
        String digest, long bundleId, PluginStatus status, long generation, Instant since, Optional<String> problem,
        List<String> uses, List<String> usedBy, List<String> waitingFor) implements PluginInfo {

    PluginSnapshot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(problem, "problem");
        uses = List.copyOf(uses);
        usedBy = List.copyOf(usedBy);
        waitingFor = List.copyOf(waitingFor);
    }

    /** The same snapshot with another status, problem and list of what it waits for. */
    PluginSnapshot with(PluginStatus newStatus, Optional<String> newProblem, List<String> newWaitingFor) {
        return new PluginSnapshot(name, symbolicName, version, kind, origin, file, digest, bundleId, newStatus,
                generation, since, newProblem, uses, usedBy, newWaitingFor);
    }
}
