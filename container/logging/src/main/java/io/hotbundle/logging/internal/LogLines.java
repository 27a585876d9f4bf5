package io.hotbundle.logging.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.osgi.service.log.LogEntry;

/** A log entry as the commands print it: time, level, bundle and version, logger, message. */
final class LogLines {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private LogLines() {
    }

    static String format(LogEntry entry) {
        String bundle = entry.getBundle() == null ? "-"
                : entry.getBundle().getSymbolicName() + " " + entry.getBundle().getVersion();
        String level = entry.getLogLevel().name().replace("WARN", "WARN ").replace("INFO", "INFO ");
        var line = new StringBuilder(TIME.format(Instant.ofEpochMilli(entry.getTime()))).append(' ').append(level)
                .append(' ').append(bundle).append(' ').append(entry.getLoggerName()).append(" - ")
                .append(entry.getMessage());
        if (entry.getException() != null) {
            line.append(" (").append(entry.getException()).append(')');
        }
        return line.toString();
    }

    /** Levels in order, lowest first; the Log Service's AUDIT above everything. */
    static int rank(String level) {
        return switch (level) {
            case "TRACE" -> 0;
            case "DEBUG" -> 1;
            case "INFO" -> 2;
            case "WARN" -> 3;
            case "ERROR" -> 4;
            case "OFF" -> 6;
            default -> 5;
        };
    }
}
