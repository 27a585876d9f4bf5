package io.hotbundle.container.internal.plugins;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.hotbundle.container.internal.artifacts.Artifact;

/**
 * What the deploy folder asks to host: each file's admitted build, and the order in which the files came. It is
 * the desired state's folder source: the reconciler compares it with what serves. A file whose new content is
 * refused keeps its previous build here, since the previous build keeps serving.
 */
final class FolderEntries {

    /** One file and the build it holds. */
    record Entry(Path file, Artifact artifact, long arrived) {
    }

    private final Map<Path, Entry> entries = new HashMap<>();
    private long arrivals;

    void put(Path file, Artifact artifact) {
        entries.put(file, new Entry(file, artifact, ++arrivals));
    }

    Optional<Entry> remove(Path file) {
        return Optional.ofNullable(entries.remove(file));
    }

    Optional<Entry> get(Path file) {
        return Optional.ofNullable(entries.get(file));
    }

    boolean contains(Path file) {
        return entries.containsKey(file);
    }

    /**
     * The file that takes over a symbolic name when the file that served it goes: the highest version among the
     * files that still carry it, the one that came last among equals ({@code greeter-1.0.2.jar} after
     * {@code greeter-1.0.1.jar} is deleted).
     */
    Optional<Entry> successor(String symbolicName) {
        return entries.values().stream().filter(e -> e.artifact().symbolicName().equals(symbolicName))
                .max(Comparator.comparing((Entry e) -> e.artifact().version()).thenComparingLong(Entry::arrived));
    }

    /** The digests the folder's files hold: the artifact store keeps them. */
    java.util.Set<String> digests() {
        var digests = new java.util.HashSet<String>();
        entries.values().forEach(e -> digests.add(e.artifact().digest()));
        return digests;
    }
}
