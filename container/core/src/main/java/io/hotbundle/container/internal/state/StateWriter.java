package io.hotbundle.container.internal.state;

import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.WARNING;

import java.lang.System.Logger;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.hotbundle.api.state.SavedState;

/**
 * Writes state files on a thread of its own, so that a swap does not wait for the disk while its gate is closed.
 * Writes happen in the order the states were put; a plugin whose state changes again before its file was written
 * gets only the newest written. {@link #awaitWritten} lets the swap wait for the file before it counts as done, so
 * that a crash after a swap still finds the state that swap handed off.
 *
 * <p>Closing drains what is queued (bounded): the state saved while the framework stops is written too. A state
 * put after that is written on the caller's thread.
 */
final class StateWriter {

    /** Writes (present) or deletes (empty) one plugin's file; records its own failures, never throws for I/O. */
    @FunctionalInterface
    interface FileWrite {
        void apply(String plugin, Optional<SavedState> state);
    }

    private static final Logger LOG = System.getLogger("hotbundle");

    private final FileWrite write;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}, as is everything below it. */
    private final Map<String, Slot> slots = new HashMap<>();
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private boolean closing;
    private boolean finished;
    private boolean warmUpWanted;
    private final Thread thread;

    /** A plugin's writes: how many were asked for, how many are done, and the newest content. */
    private static final class Slot {
        long wanted;
        long written;
        boolean queued;
        Optional<SavedState> content;
    }

    StateWriter(FileWrite write) {
        this.write = write;
        this.thread = new Thread(this::run, "hotbundle-state-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * A plugin that keeps state has started: load what writing takes now, on this thread, while nothing waits for
     * it. A container without such a plugin never loads it.
     */
    void prepare() {
        synchronized (lock) {
            warmUpWanted = true;
            lock.notifyAll();
        }
    }

    /** Queues the plugin's file to be written with {@code state}, or deleted when it is empty. Returns at once. */
    void submit(String plugin, Optional<SavedState> state) {
        synchronized (lock) {
            if (!finished) {
                Slot slot = slots.computeIfAbsent(plugin, name -> new Slot());
                slot.wanted++;
                slot.content = state;
                if (!slot.queued) {
                    slot.queued = true;
                    queue.add(plugin);
                    lock.notifyAll();
                }
                return;
            }
            // The thread is gone (the store was closed): nothing else writes, so write here, in order.
            write.apply(plugin, state);
        }
    }

    /**
     * Waits until the plugin's newest state, as submitted before this call, was written or failed to be.
     *
     * @return false when the timeout passed first (or the wait was interrupted)
     */
    boolean awaitWritten(String plugin, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            Slot slot = slots.get(plugin);
            if (slot == null) {
                return true;
            }
            long target = slot.wanted;
            while (slot.written < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /** Writes what is queued, for at most {@code timeout}, and stops the thread. */
    void close(Duration timeout) throws InterruptedException {
        synchronized (lock) {
            closing = true;
            lock.notifyAll();
        }
        thread.join(Math.max(1, timeout.toMillis()));
        if (thread.isAlive()) {
            LOG.log(WARNING, "state files still being written after {0} ms: {1}; the disk does not answer",
                    timeout.toMillis(), pending());
        }
    }

    private String pending() {
        synchronized (lock) {
            return String.join(", ", queue);
        }
    }

    private void run() {
        // Load what writing needs once a plugin that keeps state is there, while nothing waits for it: not at the
        // first write, which may come as the framework stops.
        synchronized (lock) {
            while (!warmUpWanted && queue.isEmpty() && !closing) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    closing = true;
                }
            }
            if (queue.isEmpty() && !warmUpWanted) {
                finished = true; // closed before any plugin kept state: nothing to load, nothing to write
                return;
            }
        }
        StateFile.warmUp();
        while (true) {
            String plugin;
            Slot slot;
            long version;
            Optional<SavedState> content;
            synchronized (lock) {
                while (queue.isEmpty() && !closing) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        closing = true; // nobody interrupts it but a JVM going down: write what is queued, then end
                    }
                }
                if (queue.isEmpty()) {
                    finished = true;
                    return;
                }
                plugin = queue.poll();
                slot = slots.get(plugin);
                slot.queued = false;
                version = slot.wanted;
                content = slot.content;
            }
            try {
                write.apply(plugin, content);
            } catch (RuntimeException | Error e) {
                LOG.log(ERROR, "state of {0} could not be written: {1}", plugin, e.toString());
            }
            synchronized (lock) {
                slot.written = version;
                lock.notifyAll();
            }
        }
    }
}
