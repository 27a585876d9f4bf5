package io.hotbundle.api;

/**
 * What a plugin is doing now.
 *
 * <p>New constants may be added in a minor version of this package; code that switches over them must have
 * a default branch.
 */
public enum PluginStatus {

    /** Installed and started: its services are available. */
    SERVING,

    /**
     * Installed but not started: it does not resolve, or its activation failed. {@link PluginInfo#problem()}
     * says why.
     */
    FAILED
}
