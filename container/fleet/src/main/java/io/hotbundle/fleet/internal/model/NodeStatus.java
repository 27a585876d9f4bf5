package io.hotbundle.fleet.internal.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * A node's report to the fleet, kept in ZooKeeper after the node is gone (its liveness is a separate, ephemeral
 * znode): what it serves of each plugin the fleet manages, and why.
 *
 * @param node    the node's name
 * @param time    when it was written, epoch milliseconds
 * @param plugins per plugin, the node's report
 */
public record NodeStatus(String node, long time, Map<String, PluginReport> plugins) {

    public NodeStatus {
        plugins = plugins == null ? Map.of() : new TreeMap<>(plugins);
    }

    public PluginReport plugin(String name) {
        return plugins.get(name);
    }
}
