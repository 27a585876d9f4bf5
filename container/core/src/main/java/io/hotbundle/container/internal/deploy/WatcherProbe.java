package io.hotbundle.container.internal.deploy;

import static java.lang.System.Logger.Level.DEBUG;

import java.io.IOException;
import java.lang.System.Logger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

/**
 * Proof, on request, that the deploy folder's watcher still hears events: a file of the container's own (in its
 * data area, never in the deploy folder, which may be read-only), watched through the same watch service as the
 * deploy folder. A request touches the file (one event); the watcher hears of it as of any event, looks at the
 * deploy folder and says so here. A thread that died or hangs, or a watch service that stopped delivering (what
 * Karaf's deploy folder once did after a JDK upgrade), leaves the request unanswered.
 *
 * <p>So the watcher needs no frequent pulse of its own, and costs next to nothing while the folder is quiet.
 */
final class WatcherProbe {

    /** How long a request waits for the watcher's answer. */
    static final long ANSWER_MILLIS = 1000;

    private static final Logger LOG = System.getLogger("hotbundle");

    private final Path file;
    private final Object lock = new Object();
    /** Whether the watcher watches the probe's folder: if not, it looks at the folder once per poll instead. */
    private volatile boolean heard;
    private long looks;
    /** When the watcher last looked at the deploy folder, in epoch milliseconds; 0 before its first look. */
    private long lastLook;
    /** When the oldest request not answered yet was made, in epoch milliseconds; 0 when none is waiting. */
    private long unansweredSince;

    WatcherProbe(Path folder) {
        this.file = folder.resolve("probe");
    }

    /** The folder the watcher must watch for the probe to be heard. */
    Path folder() {
        return file.getParent();
    }

    /** Creates the probe file if it is not there, so that a request only touches it. */
    void create() throws IOException {
        if (!Files.exists(file)) {
            Files.writeString(file, "touched when the health check asks the deploy folder's watcher for a look\n");
        }
    }

    /** The watcher says whether it watches {@link #folder()}. */
    void heard(boolean heard) {
        this.heard = heard;
    }

    /** The watcher looked at the deploy folder, which answers every request made so far. On its thread. */
    void looked() {
        synchronized (lock) {
            looks++;
            lastLook = System.currentTimeMillis();
            unansweredSince = 0;
            lock.notifyAll();
        }
    }

    /** How many times the watcher has looked at the folder. */
    long looks() {
        synchronized (lock) {
            return looks;
        }
    }

    /**
     * Asks the watcher to look at the folder, waits at most {@value #ANSWER_MILLIS} ms for it, and returns the
     * time of its last look (epoch milliseconds), or, while requests go unanswered, of the oldest of them: one
     * slow answer after a quiet hour does not make a silence of an hour, and a watcher that stopped answering is
     * silent from the first request it left.
     */
    long lastLookMillis() {
        long asked;
        synchronized (lock) {
            asked = looks;
            if (unansweredSince == 0) {
                unansweredSince = System.currentTimeMillis();
            }
        }
        if (heard && ask()) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ANSWER_MILLIS);
            synchronized (lock) {
                try {
                    for (long left = ANSWER_MILLIS; looks == asked && left > 0;
                            left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
                        lock.wait(left);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        synchronized (lock) {
            return Math.max(lastLook, unansweredSince);
        }
    }

    /** Touches the file: one event, where a write would make two (truncate, then write). */
    private boolean ask() {
        try {
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
            return true;
        } catch (IOException e) {
            LOG.log(DEBUG, "could not touch the watcher''s probe {0}: {1}", file, e);
            return false;
        }
    }
}
