package io.hotbundle.itests;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded waits for asynchronous effects: poll a condition until it holds or the deadline passes. */
public final class Await {

    /** Long enough for a slow CI machine; every condition here normally holds within a second. */
    public static final Duration DEFAULT = Duration.ofSeconds(20);

    private static final long POLL_MILLIS = 10;

    private Await() {
    }

    /** Waits until the condition holds; fails with {@code what} when it does not within {@link #DEFAULT}. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, DEFAULT, condition);
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            pause();
        }
    }

    /** Waits until the supplier returns a non-null value and returns it. */
    public static <T> T value(String what, Supplier<T> supplier) {
        return value(what, DEFAULT, supplier);
    }

    public static <T> T value(String what, Duration timeout, Supplier<T> supplier) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (T value; ; pause()) {
            value = supplier.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
