package io.hotbundle.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import io.hotbundle.logging.internal.xml.LogbackXml;

/**
 * The logging the framework starts with, before the logging bundle applies the operator's settings: Pax Logging
 * (started first, see the launcher's pom) reads this Logback file, so the first line of the container is already
 * short on the console and whole in the work folder's log file. The file's text comes from the logging bundle's
 * own generator, copied into this jar by bnd.
 */
final class LoggingBoot {

    private LoggingBoot() {
    }

    /** The framework properties that set Pax Logging up, after writing the file they name. */
    static Map<String, String> properties(Path work) throws IOException {
        Path folder = work.resolve("log");
        Files.createDirectories(folder);
        try {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
        Path boot = folder.resolve("logback-boot.xml");
        Files.writeString(boot, LogbackXml.defaults(folder), StandardCharsets.UTF_8);
        return Map.of(
                "org.ops4j.pax.logging.property.file", boot.toString(),
                // The logging bundle routes java.util.logging itself, naming the bundle of each line.
                "org.ops4j.pax.logging.skipJUL", "true",
                // Pax Logging's own start-up chatter.
                "org.ops4j.pax.logging.DefaultServiceLog.level", "WARN",
                // No LogReaderService: it keeps the last 100 entries with their exceptions, and an exception thrown
                // by a plugin keeps that version's classes in memory after a swap. The log commands read the file.
                "org.ops4j.pax.logging.logReaderEnabled", "false",
                // No log events for an Event Admin: with its API there (the health checks import it) and no Event
                // Admin, Pax Logging queues every entry, and an exception's class keeps a swapped-out plugin alive.
                "org.ops4j.pax.logging.eventAdminEnabled", "false");
    }
}
