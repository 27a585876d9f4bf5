package io.hotbundle.container.internal.plugins;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.osgi.framework.Bundle;

/** The hosted bundles by name; confined to the deployer's worker thread. */
final class Units {

    private final Map<String, Unit> byName = new TreeMap<>();

    void add(Unit unit) {
        byName.put(unit.name, unit);
    }

    void remove(Unit unit) {
        byName.remove(unit.name);
    }

    Optional<Unit> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    Collection<Unit> all() {
        return List.copyOf(byName.values());
    }

    Optional<Unit> of(Bundle bundle) {
        for (Unit unit : byName.values()) {
            if (unit.bundle != null && unit.bundle.getBundleId() == bundle.getBundleId()) {
                return Optional.of(unit);
            }
        }
        return Optional.empty();
    }

    /** The units installed under a symbolic name: one, or several library versions side by side. */
    List<Unit> withSymbolicName(String symbolicName) {
        var units = new ArrayList<Unit>();
        for (Unit unit : byName.values()) {
            if (unit.artifact.symbolicName().equals(symbolicName)) {
                units.add(unit);
            }
        }
        return units;
    }

    /**
     * The units and the hosted bundles wired to or from them: what a change to them may change in the registry
     * (who uses whom), so what must be published again, and no more.
     */
    java.util.Set<Unit> withNeighbours(Collection<Unit> changed) {
        var set = new java.util.LinkedHashSet<Unit>();
        for (Unit unit : changed) {
            set.add(unit);
            if (unit.bundle != null && unit.bundle.getState() != Bundle.UNINSTALLED) {
                io.hotbundle.container.internal.graph.Wiring.providers(unit.bundle).forEach(b -> of(b).ifPresent(set::add));
                io.hotbundle.container.internal.graph.Wiring.users(unit.bundle).forEach(b -> of(b).ifPresent(set::add));
            }
        }
        set.removeIf(u -> !byName.containsKey(u.name));
        return set;
    }

    /** The units whose installed build came from the file. */
    List<Unit> fromFile(Path file) {
        return byName.values().stream().filter(u -> file.equals(u.file)).toList();
    }
}
