package io.hotbundle.api;

/**
 * A call through a {@link HotHandle} that found no implementation to run on within the gate timeout: the plugin
 * is not deployed, does not provide the service, or its swap took longer than the timeout. The message names
 * the plugin, the service and what the call waited for.
 */
public class PluginUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message the plugin, the service and what the call waited for
     */
    public PluginUnavailableException(String message) {
        super(message);
    }
}
