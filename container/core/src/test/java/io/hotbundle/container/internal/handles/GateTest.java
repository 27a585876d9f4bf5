package io.hotbundle.container.internal.handles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class GateTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final Gate gate = new Gate();

    @Test
    void aSwapWaitsForTheCallInsideToLeave() throws Exception {
        var inside = new CountDownLatch(1);
        var leave = new CountDownLatch(1);
        var call = CompletableFuture.runAsync(() -> {
            Gate.Seat seat = gate.tryEnter();
            inside.countDown();
            await(leave);
            gate.exit(seat);
        });
        assertTrue(inside.await(5, TimeUnit.SECONDS));
        gate.close("a test swap");

        assertEquals(1, gate.awaitDrained(Duration.ofMillis(50)), "the call is still inside");
        leave.countDown();
        assertEquals(0, gate.awaitDrained(Duration.ofSeconds(5)), "the call left");
        call.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aClosedGateHoldsNewCallsUntilItOpens() throws Exception {
        gate.close("a test swap");
        assertNull(CompletableFuture.supplyAsync(gate::tryEnter).get(5, TimeUnit.SECONDS));

        var waiting = CompletableFuture.supplyAsync(() -> enter(10 * SECOND));
        gate.open();
        assertNotNull(waiting.get(5, TimeUnit.SECONDS), "the waiting call went in once the gate opened");
    }

    @Test
    void aCallGivesUpWhenTheGateStaysClosedPastItsTimeout() throws Exception {
        gate.close("a test swap");
        assertNull(CompletableFuture.supplyAsync(() -> enter(TimeUnit.MILLISECONDS.toNanos(50)))
                .get(5, TimeUnit.SECONDS));
        assertEquals("a test swap", gate.closedFor());
    }

    @Test
    void aThreadAlreadyInsidePassesAClosedGate() throws Exception {
        Gate.Seat outer = gate.tryEnter();
        gate.close("a test swap");

        Gate.Seat nested = gate.tryEnter();
        assertNotNull(nested, "a nested call does not wait for the swap that waits for its caller");
        gate.exit(nested);
        assertEquals(1, gate.awaitDrained(Duration.ofMillis(20)), "the outer call is still inside");
        gate.exit(outer);
        assertEquals(0, gate.awaitDrained(Duration.ofSeconds(5)));
    }

    @Test
    void aCallFromInsideAnotherGateOfTheSameSwapPassesAndOtherCallsWait() throws Exception {
        Gate host = new Gate();
        Gate other = new Gate();
        Gate.Seat inHost = host.tryEnter(); // a host's call, inside before the swap closed both gates
        java.util.List<Gate> swapped = java.util.List.of(host, gate);
        host.close("a test swap", swapped);
        gate.close("a test swap", swapped);

        Gate.Seat nested = gate.tryEnter();
        assertNotNull(nested, "the host's call into the plugin does not wait for the swap that waits for it");
        gate.exit(nested);
        host.exit(inHost);
        assertEquals(0, host.awaitDrained(Duration.ofSeconds(5)));
        assertEquals(0, gate.awaitDrained(Duration.ofSeconds(5)));

        assertNull(CompletableFuture.supplyAsync(gate::tryEnter).get(5, TimeUnit.SECONDS), "a new call waits");
        Gate.Seat inOther = other.tryEnter(); // inside a gate the swap did not close
        assertNull(gate.tryEnter(), "a call from a plugin outside the swap waits");
        other.exit(inOther);
    }

    @Test
    void noCallIsInsideWhileTheGateIsShut() throws Exception {
        var shut = new AtomicBoolean();
        var stop = new AtomicBoolean();
        var callsWhileShut = new AtomicLong();
        var calls = new AtomicLong();
        Runnable caller = () -> {
            while (!stop.get()) {
                Gate.Seat seat = enter(10 * SECOND);
                if (shut.get()) {
                    callsWhileShut.incrementAndGet();
                }
                calls.incrementAndGet();
                gate.exit(seat);
            }
        };
        Executor ownThread = call -> new Thread(call).start();
        var callers = CompletableFuture.allOf(CompletableFuture.runAsync(caller, ownThread),
                CompletableFuture.runAsync(caller, ownThread));
        try {
            for (int swap = 0; swap < 2_000; swap++) {
                gate.close("swap " + swap);
                assertEquals(0, gate.awaitDrained(Duration.ofSeconds(5)), "drained for swap " + swap);
                shut.set(true);
                Thread.onSpinWait();
                shut.set(false);
                gate.open();
            }
        } finally {
            stop.set(true);
        }
        callers.get(10, TimeUnit.SECONDS);
        assertEquals(0, callsWhileShut.get(), "calls that ran while the gate was shut, out of " + calls.get());
        assertTrue(calls.get() > 0);
    }

    private Gate.Seat enter(long timeoutNanos) {
        try {
            return gate.enter(timeoutNanos);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
