package io.hotbundle.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Whether this container runs in a fleet: {@code --fleet} given, or a ZooKeeper named in
 * {@code etc/io.hotbundle.fleet.cfg}. Only then is the fleet's bundle installed (it is large: Curator, ZooKeeper's
 * client, Netty); a single container never loads it. Decided at start: turning fleet mode on takes a restart.
 */
final class FleetMode {

    static final String SETTINGS = "io.hotbundle.fleet.cfg";

    private FleetMode() {
    }

    static boolean on(LaunchOptions options) {
        if (options.fleet() != null) {
            return true;
        }
        Path settings = options.etc().resolve(SETTINGS);
        if (!Files.isRegularFile(settings)) {
            return false;
        }
        var properties = new Properties();
        try (Reader in = Files.newBufferedReader(settings)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return true; // the fleet's bundle says what is wrong with its settings, in its own words
        }
        return !properties.getProperty("connect", "").isBlank();
    }
}
