package io.hotbundle.container.internal.plugins;

import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.WARNING;

import java.lang.System.Logger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that changes plugins, and its queue.
 *
 * <p>A file queued again before the thread reaches it is not queued twice: when the thread gets to it, it reads
 * the file's newest content, so a burst of overwrites costs one swap. A task that fails is reported and the
 * thread goes on: no plugin can take the deployer down.
 */
final class WorkerQueue {

    /** A task for the worker; it may be interrupted when the container stops. */
    @FunctionalInterface
    interface Task {
        void run() throws InterruptedException;
    }

    private static final Logger LOG = System.getLogger("hotbundle");

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "hotbundle-deployer"));
    private final Set<Path> queued = ConcurrentHashMap.newKeySet();

    /** Queues work on a file, unless that file is queued already. */
    void file(Path file, java.util.function.Consumer<Path> handler) {
        if (queued.add(file)) {
            task(() -> {
                queued.remove(file);
                handler.accept(file);
            });
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
