package io.hotbundle.launcher;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import sun.misc.Signal;

/**
 * Ctrl-C and SIGTERM stop the container cleanly, whenever they come.
 *
 * <p>The handlers are installed before the framework boots: a signal that arrives while plugins are still being
 * started would otherwise meet the JVM's default action, end the process with status 143 and skip the hand-off
 * of state. Such an early stop waits until the framework exists, then stops it like any other.
 */
final class StopSignals {

    private final Duration stopTimeout;
    private final int exitWhenStuck;
    private final CompletableFuture<EmbeddedFelix> felix = new CompletableFuture<>();
    private final AtomicBoolean requested = new AtomicBoolean();
    private final AtomicBoolean watching = new AtomicBoolean();

    private StopSignals(Duration stopTimeout, int exitWhenStuck) {
        this.stopTimeout = stopTimeout;
        this.exitWhenStuck = exitWhenStuck;
    }

    static StopSignals install(Duration stopTimeout, int exitWhenStuck) {
        var signals = new StopSignals(stopTimeout, exitWhenStuck);
        Signal.handle(new Signal("TERM"), signal -> signals.request());
        Signal.handle(new Signal("INT"), signal -> signals.request());
        return signals;
    }

    /** The framework has booted: a stop asked for before now happens at once, and any stop is watched. */
    void attach(EmbeddedFelix booted) {
        booted.onStopping(() -> watch(booted));
        felix.complete(booted);
    }

    /** Whether an operator has asked the container to stop. */
    boolean requested() {
        return requested.get();
    }

    /** Stops the container; the framework's stopping starts the watch ({@link #attach}). */
    private void request() {
        if (requested.compareAndSet(false, true)) {
            felix.thenAccept(EmbeddedFelix::requestStop);
        }
    }

    /**
     * Makes sure the process ends once the container stops, whoever stopped it (a signal, Ctrl-C at the console,
     * {@code stop 0}): a plugin stuck in its deactivation holds the framework's shutdown forever, and an
     * operator's stop must still end the process. Once only.
     */
    private void watch(EmbeddedFelix booted) {
        if (!watching.compareAndSet(false, true)) {
            return;
        }
        Thread watchdog = new Thread(() -> {
            try {
                if (!booted.awaitStopped(stopTimeout)) {
                    System.err.println("hotbundle: the framework did not stop within " + stopTimeout.toSeconds()
                            + " s (a plugin stuck in its deactivation?); exiting anyway");
                    Runtime.getRuntime().halt(exitWhenStuck);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "hotbundle-stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
