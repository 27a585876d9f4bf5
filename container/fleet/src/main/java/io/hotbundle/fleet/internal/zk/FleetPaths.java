package io.hotbundle.fleet.internal.zk;

import java.util.regex.Pattern;

/**
 * Where a fleet keeps what in ZooKeeper. Every name that becomes part of a path is checked first: nothing read
 * from a command line or a znode can reach outside the fleet's own subtree.
 *
 * <pre>
 * /hotbundle/fleets/&lt;fleet&gt;/desired/&lt;plugin&gt;   the release every node serves outside a rollout
 *                           /rollouts/&lt;plugin&gt;  the plugin's last rollout and its phase
 *                           /live/&lt;node&gt;        ephemeral: the node is up and connected
 *                           /status/&lt;node&gt;      persistent: what the node serves and why
 *                           /epoch              the controller's epoch, bumped by each new controller
 *                           /leader             the controller's election
 * </pre>
 */
public final class FleetPaths {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    private final String root;

    public FleetPaths(String fleet) {
        this.root = "/hotbundle/fleets/" + checked(fleet, "fleet");
    }

    /** Whether {@code name} may be a fleet, node or plugin name. */
    public static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    public static String checked(String name, String what) {
        if (!isName(name)) {
            throw new IllegalArgumentException("not a " + what + " name (letters, digits, '.', '-', '_'): " + name);
        }
        return name;
    }

    public String root() {
        return root;
    }

    public String desired() {
        return root + "/desired";
    }

    public String desired(String plugin) {
        return desired() + "/" + checked(plugin, "plugin");
    }

    public String rollouts() {
        return root + "/rollouts";
    }

    public String rollout(String plugin) {
        return rollouts() + "/" + checked(plugin, "plugin");
    }

    public String live() {
        return root + "/live";
    }

    public String live(String node) {
        return live() + "/" + checked(node, "node");
    }

    public String status() {
        return root + "/status";
    }

    public String status(String node) {
        return status() + "/" + checked(node, "node");
    }

    public String epoch() {
        return root + "/epoch";
    }

    public String leader() {
        return root + "/leader";
    }

    /** The last segment of a path. */
    public static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
