package io.hotbundle.fleet.internal.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import io.hotbundle.fleet.internal.model.Json;
import io.hotbundle.fleet.internal.model.Release;

/**
 * What the fleet last had serving on this node, per plugin, kept in the work folder ({@code fleet/serving.json}):
 * a node that starts while ZooKeeper cannot be reached offers it again and serves as it did.
 */
final class LastGoodSet {

    /** The file's content. */
    record Content(Map<String, Release> plugins) {
    }

    private final Path file;
    private final Map<String, Release> plugins = new TreeMap<>();

    LastGoodSet(Path file) {
        this.file = file;
    }

    /** Reads the file; one that does not read is an empty set (and a line from the caller). */
    void load() throws IOException {
        plugins.clear();
        if (Files.isRegularFile(file)) {
            Content content = Json.read(Files.readAllBytes(file), Content.class);
            if (content.plugins() != null) {
                plugins.putAll(content.plugins());
            }
        }
    }

    Map<String, Release> plugins() {
        return Map.copyOf(plugins);
    }

    Release get(String plugin) {
        return plugins.get(plugin);
    }

    void put(Release release) throws IOException {
        if (!release.equals(plugins.put(release.plugin(), release))) {
            save();
        }
    }

    void remove(String plugin) throws IOException {
        if (plugins.remove(plugin) != null) {
            save();
        }
    }

    private void save() throws IOException {
        FleetFiles.write(file, Json.write(new Content(plugins)));
    }
}
