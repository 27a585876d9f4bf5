package io.hotbundle.health.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.annotation.Annotation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.Result;
import org.junit.jupiter.api.Test;

class WatcherAliveCheckTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private final WatcherAliveCheck check = new WatcherAliveCheck(null, new Defaults(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aScanWithinTheAllowedSilenceIsAlive() {
        assertEquals(Result.Status.OK, judge(NOW.toEpochMilli() - 4_000, 10));
    }

    @Test
    void noScanForLongerThanTheMinimumSilenceIsCritical() {
        assertEquals(Result.Status.CRITICAL, judge(NOW.toEpochMilli() - 5_001, 10));
    }

    @Test
    void aSlowPollIsAllowedItsMissedPolls() {
        assertEquals(Result.Status.OK, judge(NOW.toEpochMilli() - 19_000, 2_000));
        assertEquals(Result.Status.CRITICAL, judge(NOW.toEpochMilli() - 20_001, 2_000));
    }

    @Test
    void noScanYetIsCritical() {
        assertEquals(Result.Status.CRITICAL, judge(0, 10));
    }

    private Result.Status judge(long lastScan, long poll) {
        var log = new FormattingResultLog();
        check.judge(log, lastScan, poll);
        return new Result(log).getStatus();
    }

    /** The settings' defaults, as DS would give them without a configuration. */
    private static final class Defaults implements HealthSettings {
        @Override public String failed_status() { return "CRITICAL"; }
        @Override public String waiting_status() { return "WARN"; }
        @Override public String[] plugin_status() { return new String[0]; }
        @Override public String retired_status() { return "WARN"; }
        @Override public int watcher_missed_polls() { return 10; }
        @Override public long watcher_min_silence_ms() { return 5000; }
        @Override public Class<? extends Annotation> annotationType() { return HealthSettings.class; }
    }
}
