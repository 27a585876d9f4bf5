package io.hotbundle.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told about plugin swaps: register an implementation as an OSGi service (whiteboard) and the container calls
 * it for every swap of every plugin. Filter by {@link ReloadEvent#symbolicName()} to watch one plugin.
 *
 * <p><b>Delivery.</b> Each listener receives events one at a time, in the order they happen, on a thread of
 * its own: a slow or throwing listener delays or loses nothing for the others. {@link #aboutToReload} is awaited
 * by the swap for at most the container's listener timeout (a listener that takes longer is reported and the
 * swap goes on); {@link #reloaded} and {@link #reloadFailed} are not awaited. Exceptions are logged and
 * otherwise ignored. Listeners registered during a swap are told from the next event on.
 */
@ConsumerType
public interface ReloadListener {

    /**
     * A swap is about to happen; the old version still serves and goes on serving until this returns and every
     * hold taken is closed. Save what must survive, or take a hold to finish work first.
     *
     * @param event the swap, with outcome {@link ReloadEvent.Outcome#ABOUT_TO_RELOAD}
     * @param holds where to take holds on this swap
     */
    default void aboutToReload(ReloadEvent event, ReloadHolds holds) {
    }

    /**
     * The new version serves.
     *
     * @param event the swap, with outcome {@link ReloadEvent.Outcome#RELOADED}, the new generation and duration
     */
    default void reloaded(ReloadEvent event) {
    }

    /**
     * The new version could not serve. The previous version serves again unless the outcome is
     * {@link ReloadEvent.Outcome#FAILED}.
     *
     * @param event the swap, with its failure
     */
    default void reloadFailed(ReloadEvent event) {
    }
}
