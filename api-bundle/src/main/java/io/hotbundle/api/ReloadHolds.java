package io.hotbundle.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where a {@link ReloadListener} takes holds on the swap it is told about. Valid only during the
 * {@link ReloadListener#aboutToReload} call it is passed to; a hold taken later is already closed.
 */
@ProviderType
public interface ReloadHolds {

    /**
     * Takes a hold: the swap waits until it is closed (or the container's hold timeout passes). Hand it to the
     * code that must finish first, and close it there.
     *
     * @param holder who holds, for the operator's report when a hold overruns (for example a class name)
     * @return the hold, open
     */
    ReloadHold hold(String holder);
}
