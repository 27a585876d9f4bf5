package io.hotbundle.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Host code's handle on plugin swaps: hot-lib-reloader's {@code wait_for_about_to_reload},
 * {@code wait_for_reload}, reload counter and {@code was_updated}, plus pausing and history.
 *
 * <p>Implemented by the container and registered as a service. Thread-safe; every wait is bounded by the
 * timeout given. A plugin is named by its {@code Bundle-SymbolicName}.
 */
@ProviderType
public interface Reloads {

    /**
     * The plugin's generation: 1 once first deployed, plus one per successful swap; 0 when it is not deployed.
     * A rolled-back swap does not change it.
     */
    long generation(String symbolicName);

    /**
     * Whether the plugin was swapped since the caller saw {@code generation}: the crate's {@code was_updated}
     * without its global one-shot flag, so any number of callers can ask.
     */
    default boolean changedSince(String symbolicName, long generation) {
        return generation(symbolicName) != generation;
    }

    /**
     * Waits for the next about-to-reload of the plugin and returns a hold on that swap, already taken: the swap
     * waits until the caller closes it (or the container's hold timeout passes).
     *
     * @return the hold, or empty when no swap was announced within the timeout
     * @throws InterruptedException when the waiting thread is interrupted
     */
    Optional<ReloadHold> awaitAboutToReload(String symbolicName, Duration timeout) throws InterruptedException;

    /**
     * Waits for the next swap of the plugin to finish, successfully or not.
     *
     * @return its final event ({@code RELOADED}, {@code ROLLED_BACK} or {@code FAILED}), or empty on timeout
     * @throws InterruptedException when the waiting thread is interrupted
     */
    Optional<ReloadEvent> awaitReload(String symbolicName, Duration timeout) throws InterruptedException;

    /** Completes with the final event of the plugin's next swap. Never completes if no swap happens. */
    CompletableFuture<ReloadEvent> nextReload(String symbolicName);

    /**
     * Pauses swaps of the plugin: changed files wait until {@link #resume}, which applies the newest one.
     * Removing the plugin's file still removes it.
     */
    void pause(String symbolicName);

    /** Resumes swaps of the plugin and applies its newest file if it changed while paused. */
    void resume(String symbolicName);

    /** Pauses swaps of every plugin, present and future, until {@link #resumeAll()}. */
    void pauseAll();

    /** Resumes every plugin paused by {@link #pause} or {@link #pauseAll()}. */
    void resumeAll();

    /** Whether swaps of the plugin are paused now. */
    boolean isPaused(String symbolicName);

    /**
     * The plugin's last swaps, oldest first, final events only; bounded (older ones are dropped).
     *
     * @return an immutable snapshot, empty for an unknown plugin
     */
    List<ReloadEvent> history(String symbolicName);
}
