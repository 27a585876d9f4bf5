package io.hotbundle.container.internal.deploy;

import static java.lang.System.Logger.Level.DEBUG;

import java.io.IOException;
import java.lang.System.Logger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Proof, on request, that the deploy folder's watcher still hears events: a file of the container's own (in its
 * data area, never in the deploy folder, which may be read-only), watched through the same watch service as the
 * deploy folder. A request writes the file; the watcher hears of it as of any event, looks at the deploy folder
 * and says so here. A thread that died, hangs, or a watch service that stopped delivering (what Karaf's deploy
 * folder once did after a JDK upgrade) leaves the request unanswered.
 *
 * <p>So the watcher needs no pulse of its own: between events and requests it sleeps without waking, and costs
 * nothing while the folder is quiet.
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

    WatcherProbe(Path folder) {
        this.file = folder.resolve("probe");
    }

    /** The folder the watcher must watch for the probe to be heard. */
    Path folder() {
        return file.getParent();
    }

    /** The watcher says whether it watches {@link #folder()}. */
    void heard(boolean heard) {
        this.heard = heard;
    }

    /** The watcher looked at the deploy folder. Called on its thread, after each wake. */
    void looked() {
        synchronized (lock) {
            looks++;
            lastLook = System.currentTimeMillis();
            lock.notifyAll();
        }
    }

    /**
     * Asks the watcher to look at the folder, waits at most {@value #ANSWER_MILLIS} ms for it, and returns when
     * it last looked (epoch milliseconds; 0 before its first look). An unanswered request returns an older time,
     * which a reader judges by how old it is.
     */
    long lastLookMillis() {
        long asked;
        synchronized (lock) {
            asked = looks;
        }
        if (heard && ask(asked)) {
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
            return lastLook;
        }
    }

    private boolean ask(long asked) {
        try {
            Files.writeString(file, Long.toString(asked));
            return true;
        } catch (IOException e) {
            LOG.log(DEBUG, "could not write the watcher''s probe {0}: {1}", file, e);
            return false;
        }
    }
}
