package io.hotbundle.health.internal;

import java.util.Locale;

import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.Result;

/** Statuses as the settings name them, and a log entry at a status chosen by the settings. */
final class Statuses {

    private Statuses() {
    }

    /** The status a setting names; a name that is none is read as CRITICAL, the loudest, so it is noticed. */
    static Result.Status parse(String name) {
        try {
            return Result.Status.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Result.Status.CRITICAL;
        }
    }

    static void report(FormattingResultLog log, Result.Status status, String format, Object... args) {
        switch (status) {
            case OK -> log.info(format, args);
            case WARN -> log.warn(format, args);
            case TEMPORARILY_UNAVAILABLE -> log.temporarilyUnavailable(format, args);
            case HEALTH_CHECK_ERROR -> log.healthCheckError(format, args);
            default -> log.critical(format, args);
        }
    }
}
