package io.hotbundle.container.internal.deploy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Jars being written in place that do not look complete yet. Java's events report writes, not the close after
 * the last one: such a jar is passed on once no write has come for {@value #QUIET_MILLIS} ms, so the watcher
 * must wake for it even when no event comes. Used by the watcher's thread only.
 */
final class FilesInProgress {

    /** How long a jar that does not look complete must go without writes before it is passed on anyway. */
    static final long QUIET_MILLIS = 200;

    /** Each file's time to be passed on, in {@link System#nanoTime()}. */
    private final Map<Path, Long> due = new HashMap<>();

    /** A write came, or the jar was found incomplete: wait for quiet again. */
    void written(Path file) {
        due.put(file, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS));
    }

    /** The jar was passed on: nothing to wait for. */
    void done(Path file) {
        due.remove(file);
    }

    /** Passes on, and forgets, every jar quiet for long enough. */
    void passOnQuiet(Consumer<Path> passOn) {
        long now = System.nanoTime();
        due.entrySet().removeIf(entry -> {
            if (entry.getValue() - now > 0) {
                return false;
            }
            passOn.accept(entry.getKey());
            return true;
        });
    }

    /** Milliseconds (at least 1) until the next jar is due, or {@code otherwise} when none is sooner. */
    long millisToNext(long otherwise) {
        long now = System.nanoTime();
        long wait = otherwise;
        for (long at : due.values()) {
            wait = Math.min(wait, Math.max(1, TimeUnit.NANOSECONDS.toMillis(at - now) + 1));
        }
        return wait;
    }
}
