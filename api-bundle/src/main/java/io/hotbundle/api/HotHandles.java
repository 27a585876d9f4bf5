package io.hotbundle.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Hands out handles that always reach a plugin's current implementation: calls made through them never see
 * the gap of a swap. Implemented by the container and registered as a service.
 *
 * <p>During a swap, once the holds on it are released, the plugin's gate closes: calls already running finish
 * on the old version (the swap waits for them, at most the container's drain timeout), new calls wait at the
 * gate, and run on the new version when it serves (or on the old one, when the swap was rolled back). A call
 * waits at most the container's gate timeout, then fails with a {@link PluginUnavailableException}.
 */
@ProviderType
public interface HotHandles {

    /**
     * A handle on the service {@code type} that the plugin registers.
     *
     * @param type         the service interface, from the API (never a plugin's own class)
     * @param symbolicName the plugin that provides it
     * @return a handle, usable from any thread, for as long as the container runs; it does not require the
     *         plugin to be deployed yet
     */
    <T> HotHandle<T> handle(Class<T> type, String symbolicName);

    /**
     * A {@code type} whose every method call goes through a handle: for code that wants a plain object, such as
     * a DS component given it as a field. Costs one {@link java.lang.reflect.Proxy} dispatch per call over
     * {@link HotHandle#call}.
     *
     * @param type an interface
     */
    <T> T proxy(Class<T> type, String symbolicName);
}
