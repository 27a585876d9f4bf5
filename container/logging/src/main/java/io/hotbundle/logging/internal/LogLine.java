package io.hotbundle.logging.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.ops4j.pax.logging.spi.PaxLoggingEvent;

/**
 * One line as the log commands keep and print it: time, level, the bundle and version that logged it, logger,
 * message (and the first line of a throwable).
 */
record LogLine(long time, String level, String bundle, String version, String logger, String message) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    static LogLine of(PaxLoggingEvent event) {
        var properties = event.getProperties();
        String bundle = properties == null ? null : (String) properties.get("bundle.name");
        String version = properties == null ? null : (String) properties.get("bundle.version");
        String[] throwable = event.getThrowableStrRep();
        String message = event.getRenderedMessage()
                + (throwable != null && throwable.length > 0 && !throwable[0].isBlank() ? " (" + throwable[0].trim() + ")"
                : "");
        return new LogLine(event.getTimeStamp(), event.getLevel().toLevel().name(), bundle == null ? "-" : bundle,
                version == null ? "" : version, event.getLoggerName(), message);
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

    @Override
    public String toString() {
        return TIME.format(Instant.ofEpochMilli(time)) + " " + String.format("%-5s", level) + " " + bundle + " "
                + version + " " + logger + " - " + message;
    }
}
