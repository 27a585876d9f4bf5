package io.hotbundle.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Delays a plugin swap until closed: the JVM counterpart of hot-lib-reloader's {@code BlockReload} token.
 *
 * <p>Taken during the about-to-reload step, while the old version still serves. The swap waits until every
 * hold on it is closed, or until the container's hold timeout passes; then it goes on and reports the hold that
 * overran. Closing twice does nothing. Implemented by the container; thread-safe.
 */
@ProviderType
public interface ReloadHold extends AutoCloseable {

    /** The swap this hold delays. */
    ReloadEvent event();

    /** Releases the hold. Never throws. */
    @Override
    void close();
}
