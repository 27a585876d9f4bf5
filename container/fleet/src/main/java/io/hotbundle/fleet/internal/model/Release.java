package io.hotbundle.fleet.internal.model;

import java.util.regex.Pattern;

/**
 * One build of a plugin as the fleet knows it: the plugin's symbolic name, its version, where its bytes are in
 * the Maven repository, and their SHA-256. Nodes download by the coordinates and take only bytes with this digest.
 *
 * @param plugin      the plugin's {@code Bundle-SymbolicName} (by convention, its Maven artifactId)
 * @param version     the version, as the repository and the bundle spell it
 * @param coordinates {@code groupId:artifactId:version}
 * @param sha256      the SHA-256 of the jar, lower-case hex
 */
public record Release(String plugin, String version, String coordinates, String sha256) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    /** Checks what came from ZooKeeper or an operator before any of it names a file or a URL. */
    public Release {
        require(plugin, "plugin");
        require(version, "version");
        if (coordinates == null || coordinates.split(":", -1).length != 3) {
            throw new IllegalArgumentException("not groupId:artifactId:version: " + coordinates);
        }
        for (String part : coordinates.split(":")) {
            require(part, "coordinate");
        }
        if (sha256 == null || !HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256 in lower-case hex: " + sha256);
        }
    }

    /** Whether a name may be a plugin, version, group or artifact: letters, digits, '.', '-', '_'. */
    public static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    private static void require(String value, String what) {
        if (!isName(value)) {
            throw new IllegalArgumentException("not a " + what + " name: " + value);
        }
    }

    /** For people: {@code 2.0.0 (1a2b3c4d)}. */
    public String label() {
        return version + " (" + sha256.substring(0, 8) + ")";
    }
}
