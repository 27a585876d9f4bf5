package io.hotbundle.shell.internal;

import java.util.List;

import io.hotbundle.api.ReloadEvent;
import io.hotbundle.api.ReloadEvent.Outcome;

/** Counts and duration percentiles of a set of swaps, for {@code hot:stats}. */
record SwapStats(int swaps, int reloaded, int rolledBack, int failed, long p50, long p90, long p99, long max) {

    static SwapStats of(List<ReloadEvent> events) {
        long[] millis = events.stream().filter(e -> e.outcome() == Outcome.RELOADED)
                .mapToLong(e -> e.duration().toMillis()).sorted().toArray();
        int rolledBack = (int) events.stream().filter(e -> e.outcome() == Outcome.ROLLED_BACK).count();
        int failed = (int) events.stream().filter(e -> e.outcome() == Outcome.FAILED).count();
        return new SwapStats(events.size(), millis.length, rolledBack, failed, percentile(millis, 50),
                percentile(millis, 90), percentile(millis, 99), millis.length == 0 ? 0 : millis[millis.length - 1]);
    }

    /** Nearest-rank percentile; 0 when there is nothing to rank. */
    static long percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
