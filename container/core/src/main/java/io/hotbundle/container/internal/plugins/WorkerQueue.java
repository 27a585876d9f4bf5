package io.hotbundle.container.internal.plugins;

import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.WARNING;

import java.lang.System.Logger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The one thread that changes hosted bundles, and its queue.
 *
 * <p>Changed files are not queued one by one: they gather in one pending set, and the thread takes the whole set
 * when it gets to it, so files dropped together (an API and its implementation, a library's jars) are planned
 * together, and a burst of overwrites of one file costs one swap with its newest content. With a settle time, the
 * thread also waits until no file has changed for that long (at most ten times that) before it takes them. A task
 * that fails is reported and the thread goes on: no plugin can take the deployer down.
 */
final class WorkerQueue {

    /** A task for the worker; it may be interrupted when the container stops. */
    @FunctionalInterface
    interface Task {
        void run() throws InterruptedException;
    }

    /** What the worker does with the files that changed. */
    @FunctionalInterface
    interface FileBatch {
        void run(List<Path> files) throws InterruptedException;
    }

    private static final Logger LOG = System.getLogger("hotbundle");

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "hotbundle-deployer"));
    private final Set<Path> pending = new LinkedHashSet<>();
    private boolean batchQueued;
    private long lastChange;

    /** Queues files that changed; they are handled together with every file that changes before the worker runs. */
    void files(Collection<Path> files, Supplier<Duration> settle, FileBatch batch) {
        synchronized (pending) {
            pending.addAll(files);
            lastChange = System.nanoTime();
            if (batchQueued) {
                return;
            }
            batchQueued = true;
        }
        task(() -> batch.run(take(settle.get())));
    }

    private List<Path> take(Duration settle) throws InterruptedException {
        long settleNanos = settle.toNanos();
        long latest = System.nanoTime() + 10 * settleNanos;
        synchronized (pending) {
            while (settleNanos > 0) {
                long quietUntil = lastChange + settleNanos;
                long now = System.nanoTime();
                if (now >= quietUntil || now >= latest) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(pending, Math.min(quietUntil, latest) - now);
            }
            var files = new ArrayList<>(pending);
            pending.clear();
            batchQueued = false;
            return files;
        }
    }

    /** Queues a task after everything queued before it. */
    void task(Task task) {
        worker.execute(() -> {
            try {
                task.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | LinkageError e) {
                LOG.log(ERROR, "a plugin operation failed: " + e, e);
            }
        });
    }

    /** Stops the worker, waiting for the task in progress at most {@code timeout}. */
    void shutdown(Duration timeout) throws InterruptedException {
        worker.shutdownNow();
        if (!worker.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.log(WARNING, "stopped while a plugin operation was still running after {0}", timeout);
        }
    }
}
