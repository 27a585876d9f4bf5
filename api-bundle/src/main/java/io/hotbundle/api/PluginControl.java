package io.hotbundle.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.hotbundle.api.state.SavedState;

/**
 * What an operator does to a running plugin: swap it now, put its previous version back, look at its state
 * and at what delays its swap. Implemented by the container and registered as a service; the {@code hot:}
 * shell commands are built on it.
 *
 * <p>Thread-safe. The swapping methods run the same transaction as a file change (hooks, holds, rollback) on
 * the container's deploy thread, and wait for its outcome at most the timeout given.
 */
@ProviderType
public interface PluginControl {

    /**
     * Reads the plugin's file again and swaps to it now, also when it is unchanged (after a rollback, say, or to
     * re-run the plugin's activation) and also when the plugin is paused.
     *
     * @return the swap's final event
     * @throws IllegalArgumentException when no plugin has that name
     * @throws IllegalStateException    when the file cannot be read as a bundle, or the outcome did not come
     *                                  within the timeout; the message says which
     * @throws InterruptedException     when the waiting thread is interrupted
     */
    ReloadEvent reload(String symbolicName, Duration timeout) throws InterruptedException;

    /**
     * Puts back the version that served before the current one, as a swap: the current version hands its state
     * off, and the previous one restores it (or, if it cannot, the swap rolls back and the current one stays).
     *
     * @return the swap's final event
     * @throws IllegalArgumentException when no plugin has that name
     * @throws IllegalStateException    when the plugin has no previous version in this run, or the outcome did
     *                                  not come within the timeout
     * @throws InterruptedException     when the waiting thread is interrupted
     */
    ReloadEvent rollback(String symbolicName, Duration timeout) throws InterruptedException;

    /** The state the plugin last handed off, as stored; empty when it saved none. */
    Optional<SavedState> state(String symbolicName);

    /** Who holds the plugin's swap in progress, one entry per open hold; empty when no swap waits. */
    List<String> holdsPending(String symbolicName);

    /**
     * The bundles of the plugin that the container left behind because a thread of theirs is stuck (a deactivation
     * or an activation that never returned): each is described in lines, the first naming the bundle, the step and
     * the stuck thread, the others the thread's stack. A restart frees them.
     *
     * @return one text per bundle left behind, oldest first; empty when none
     */
    List<String> leftBehind(String name);

    /**
     * Swapped-out versions whose class loader survived garbage collection after their swap, oldest first. The
     * container checks after every successful swap; a version leaves this list when it is finally collected.
     */
    List<RetiredVersion> leaks();
}
