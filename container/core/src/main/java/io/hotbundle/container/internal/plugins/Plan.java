package io.hotbundle.container.internal.plugins;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.hotbundle.container.internal.artifacts.Artifact;

/**
 * What one reconciliation does: bundles to install, hosted bundles to swap to another build, hosted bundles to
 * remove. Built by {@link Planner}, carried out by {@link Reconciler}.
 */
final class Plan {

    /** A build and the file it came from. */
    record Target(Artifact artifact, Path file) {
    }

    /** A bundle to install under a name. */
    record Install(String name, Target target) {
    }

    final List<Install> installs = new ArrayList<>();
    final Map<Unit, Target> swaps = new LinkedHashMap<>();
    final List<Unit> removals = new ArrayList<>();

    boolean isEmpty() {
        return installs.isEmpty() && swaps.isEmpty() && removals.isEmpty();
    }
}
