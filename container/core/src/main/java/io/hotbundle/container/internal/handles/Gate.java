package io.hotbundle.container.internal.handles;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gate in front of one plugin: calls pass while it is open; a swap closes it, waits for the calls inside
 * to leave, and opens it when a version serves again.
 *
 * <p>The open path is one atomic increment to enter and one decrement to leave, on a counter whose top bit says
 * "closed": calls take no lock unless the gate is closed, and only then do they wait on the monitor.
 */
public final class Gate {

    private static final int CLOSED = 1 << 30;

    private final AtomicInteger state = new AtomicInteger();
    private final Object monitor = new Object();
    private volatile String closedFor = "";

    /**
     * Lets a call in, waiting while the gate is closed.
     *
     * @return whether the call may proceed; false when the gate stayed closed for {@code timeoutNanos}
     */
    public boolean enter(long timeoutNanos) throws InterruptedException {
        for (int s = state.get(); ; s = state.get()) {
            if ((s & CLOSED) == 0) {
                if (state.compareAndSet(s, s + 1)) {
                    return true;
                }
            } else if (!awaitOpen(timeoutNanos)) {
                return false;
            }
        }
    }

    /**
     * Lets a call in if the gate is open, without waiting; false when it is closed. One atomic add: a call that
     * finds the gate closed takes its count back at once (waking a swap that waits for the count to drain).
     */
    public boolean tryEnter() {
        if ((state.getAndIncrement() & CLOSED) == 0) {
            return true;
        }
        exit();
        return false;
    }

    /** Lets a call out; the last one out of a closed gate wakes the swap waiting to drain it. */
    public void exit() {
        if (state.decrementAndGet() == CLOSED) {
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }
    }

    /** Stops letting calls in; {@code why} says what waiting calls wait for. */
    public void close(String why) {
        closedFor = why;
        state.getAndUpdate(s -> s | CLOSED);
    }

    /**
     * Waits until no call is inside, at most {@code timeout}.
     *
     * @return how many calls were still inside when the timeout passed: 0 when drained
     */
    public int awaitDrained(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            for (long left = timeout.toNanos(); (state.get() & ~CLOSED) > 0 && left > 0;
                    left = deadline - System.nanoTime()) {
                monitor.wait(Math.max(1, left / 1_000_000));
            }
        }
        return state.get() & ~CLOSED;
    }

    /** Lets calls in again, waiting ones first. */
    public void open() {
        state.getAndUpdate(s -> s & ~CLOSED);
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    /** What the gate is closed for, for the message of a call that waited too long. */
    String closedFor() {
        return closedFor;
    }

    private boolean awaitOpen(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (monitor) {
            while ((state.get() & CLOSED) != 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                monitor.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }
}
