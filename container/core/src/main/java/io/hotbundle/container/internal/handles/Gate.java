package io.hotbundle.container.internal.handles;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The gate in front of one plugin: calls pass while it is open; a swap closes it, waits for the calls inside
 * to leave, and opens it when a version serves again.
 *
 * <p>The open path is asymmetric, because calls are many and swaps are rare. Each thread has its own seat at
 * the gate, written by that thread only: entering is one volatile store to the seat (the one locked instruction
 * of a call) followed by a read of {@code closed}; leaving is a release store. The swap does the expensive
 * part: it sets {@code closed} and then reads every seat. Both sides store before they load, behind a full
 * fence, so a call that missed the closing is seen in its seat by the swap, and waited for.
 *
 * <p>A thread already inside passes a closed gate: a call that reaches the same plugin again through a handle
 * runs on the version it is already running on, instead of waiting for a swap that waits for it. For the same
 * reason, a thread inside another gate closed by the same swap passes too: a host swapped together with the
 * plugin it calls (both wired to an API being swapped) may be inside its own gate, calling that plugin, while the
 * swap waits for the host's gate to drain.
 */
public final class Gate {

    /** How deep one thread is inside the gate; written by that thread only, read by the swap. */
    public static final class Seat {
        private volatile int depth;
    }

    private static final VarHandle DEPTH;

    static {
        try {
            DEPTH = MethodHandles.lookup().findVarHandle(Seat.class, "depth", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * How long a draining swap sleeps before it looks at the seats again without being woken: a call that
     * leaves at the very moment the gate closes may not see {@code closed}, and so not wake the swap.
     */
    private static final long DRAIN_RECHECK_MILLIS = 1;

    private final ThreadLocal<Seat> seats = ThreadLocal.withInitial(this::newSeat);
    /** Every live thread's seat; a thread's seat goes when the thread does (its thread-local map held it). */
    private final Set<Seat> everySeat = Collections.newSetFromMap(new WeakHashMap<>());
    private final Object monitor = new Object();
    private volatile boolean closed;
    private volatile String closedFor = "";
    /** The gates closed by the same swap as this one, itself included; written before {@code closed}. */
    private volatile List<Gate> closedWith = List.of();

    /**
     * Lets a call in if the gate is open (or the thread is inside already), without waiting.
     *
     * @return the thread's seat, to give back to {@link #exit}; null when the gate is closed
     */
    public Seat tryEnter() {
        Seat seat = seats.get();
        int depth = seat.depth;
        DEPTH.setVolatile(seat, depth + 1);
        if (!closed || depth > 0 || insideAnotherClosedWithThis()) {
            return seat;
        }
        leave(seat, depth);
        return null;
    }

    /**
     * Lets a call in, waiting while the gate is closed.
     *
     * @return the thread's seat, to give back to {@link #exit}; null when the gate stayed closed for
     *         {@code timeoutNanos}
     */
    public Seat enter(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        for (Seat seat = tryEnter(); ; seat = tryEnter()) {
            if (seat != null) {
                return seat;
            }
            if (!awaitOpen(deadline)) {
                return null;
            }
        }
    }

    /** Lets a call out; the last one out of a closed gate wakes the swap waiting to drain it. */
    public void exit(Seat seat) {
        leave(seat, seat.depth - 1);
    }

    /** Stops letting calls in; {@code why} says what waiting calls wait for. */
    public void close(String why) {
        close(why, List.of());
    }

    /**
     * Stops letting calls in, as one of the gates a swap closes together: a thread inside any of them still
     * passes this one, since the swap waits for that thread.
     */
    public void close(String why, List<Gate> together) {
        closedFor = why;
        closedWith = List.copyOf(together);
        closed = true;
    }

    /** Whether this thread is inside another gate closed by the swap that closed this one. Only when closed. */
    private boolean insideAnotherClosedWithThis() {
        for (Gate other : closedWith) {
            if (other != this && other.closed && other.seats.get().depth > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Waits until no call is inside, at most {@code timeout}.
     *
     * @return how many threads were still inside when the timeout passed: 0 when drained
     */
    public int awaitDrained(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            for (int inside = inside(); ; inside = inside()) {
                long left = deadline - System.nanoTime();
                if (inside == 0 || left <= 0) {
                    return inside;
                }
                monitor.wait(Math.max(1, Math.min(DRAIN_RECHECK_MILLIS, left / 1_000_000)));
            }
        }
    }

    /** Lets calls in again, waiting ones first. */
    public void open() {
        closed = false;
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    /** What the gate is closed for, for the message of a call that waited too long. */
    String closedFor() {
        return closedFor;
    }

    private void leave(Seat seat, int depth) {
        DEPTH.setRelease(seat, depth);
        if (closed && depth == 0) {
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }
    }

    private int inside() {
        int inside = 0;
        synchronized (everySeat) {
            for (Seat seat : everySeat) {
                if (seat.depth > 0) {
                    inside++;
                }
            }
        }
        return inside;
    }

    private Seat newSeat() {
        Seat seat = new Seat();
        synchronized (everySeat) {
            everySeat.add(seat);
        }
        return seat;
    }

    private boolean awaitOpen(long deadline) throws InterruptedException {
        synchronized (monitor) {
            while (closed) {
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
