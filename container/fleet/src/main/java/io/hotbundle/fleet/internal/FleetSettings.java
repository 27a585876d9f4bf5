package io.hotbundle.fleet.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;

import io.hotbundle.fleet.internal.zk.FleetPaths;

/**
 * The fleet's settings, each from the operator's {@code etc/io.hotbundle.fleet.cfg} when it sets it, else from the
 * framework property {@code hotbundle.fleet.<key>} (the launcher's {@code --fleet} and {@code --node} set
 * {@code connect} and {@code node}), else its default. Fleet mode is on when {@code connect} is not empty.
 *
 * @param connect           ZooKeeper's connect string ({@code host:port,host:port[/chroot]}); empty: fleet mode off
 * @param fleet             which fleet the node belongs to
 * @param node              the node's name, unique in the fleet
 * @param repository        the Maven repository the bytes come from ({@code file:} or {@code http(s):} URL)
 * @param group             the groupId of a plugin named without one in {@code hot:rollout}
 * @param auth              {@code user:password} for ZooKeeper's digest authentication; empty: none (no ACLs)
 * @param sessionTimeoutMs  ZooKeeper's session timeout: how soon a dead node or controller is noticed
 * @param connectionTimeoutMs how long one connection attempt may take
 * @param work              the node's own folder for the fleet (cache, last good set)
 */
public record FleetSettings(String connect, String fleet, String node, String repository, String group, String auth,
        int sessionTimeoutMs, int connectionTimeoutMs, Path work) {

    static final String PREFIX = "hotbundle.fleet.";

    public boolean enabled() {
        return !connect.isBlank();
    }

    /**
     * Reads the settings.
     *
     * @param configured  the configuration's properties (may hold none of the keys)
     * @param framework   a framework property by name (null when not set)
     * @param workFolder  the container's work folder
     * @throws IllegalArgumentException in one line, for a value that cannot be used
     */
    static FleetSettings resolve(Map<String, ?> configured, Function<String, String> framework, Path workFolder) {
        Function<String, String> value = key -> {
            Object own = configured.get(key);
            if (own != null && !own.toString().isBlank()) {
                return own.toString().trim();
            }
            String property = framework.apply(PREFIX + key);
            return property == null ? "" : property.trim();
        };
        String node = value.apply("node");
        if (node.isEmpty()) {
            node = defaultNode(workFolder);
        }
        String fleet = value.apply("fleet");
        String auth = value.apply("auth");
        if (!auth.isEmpty() && !auth.matches("[^:]+:.+")) {
            throw new IllegalArgumentException("auth must be user:password");
        }
        return new FleetSettings(value.apply("connect"), FleetPaths.checked(fleet.isEmpty() ? "default" : fleet, "fleet"),
                FleetPaths.checked(node, "node"), value.apply("repository"), value.apply("group"), auth,
                number(value.apply("session.timeout.ms"), 15_000), number(value.apply("connection.timeout.ms"), 5_000),
                workFolder.resolve("fleet"));
    }

    private static int number(String text, int fallback) {
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value < 100) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number of milliseconds (at least 100): " + text);
        }
    }

    /** This host's name and a hash of the work folder: stable across restarts, distinct for two nodes on one host. */
    private static String defaultNode(Path workFolder) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
        } catch (UnknownHostException e) {
            host = "node";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(workFolder.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
            return host + "-" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For logs and hot:fleet: never the password. */
    String describe() {
        return "fleet " + fleet + ", node " + node + ", ZooKeeper " + connect + (auth.isEmpty() ? "" : " (digest auth as "
                + auth.substring(0, auth.indexOf(':')) + ")");
    }
}
