package io.hotbundle.container.internal.reload;

import static java.lang.System.Logger.Level.WARNING;

import java.lang.System.Logger;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.hotbundle.api.ReloadListener;

/**
 * One listener's events, delivered one at a time in the order they were given, on a thread of the listener's
 * own: a listener that is slow or throws holds up nobody else, and no listener misses or reorders an event.
 */
final class ListenerQueue {

    private static final Logger LOG = System.getLogger("hotbundle");
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ReloadListener listener;
    private final ExecutorService thread;

    ListenerQueue(ReloadListener listener) {
        this.listener = listener;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            var t = new Thread(r, "hotbundle-listener-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues a call; the future completes when the listener has returned (or thrown). */
    Future<?> deliver(String what, java.util.function.Consumer<ReloadListener> call) {
        return thread.submit(() -> {
            try {
                call.accept(listener);
            } catch (RuntimeException | LinkageError e) {
                LOG.log(WARNING, "reload listener {0} threw from {1}: {2}", describe(), what, e);
            }
        });
    }

    String describe() {
        return listener.getClass().getName();
    }

    void close() {
        thread.shutdown();
    }
}
