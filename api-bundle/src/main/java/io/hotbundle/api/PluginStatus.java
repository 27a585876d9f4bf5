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

    /** Serving, but swaps wait: changed files are applied when it is resumed ({@link Reloads#resume}). */
    PAUSED,

    /**
     * Serving its previous version: the last swap failed and was rolled back. {@link PluginInfo#problem()} says
     * why; the build that failed is not tried again until its file changes.
     */
    ROLLED_BACK,

    /**
     * Not serving: it does not resolve, or its activation failed, and there was no previous version to put
     * back. {@link PluginInfo#problem()} says why.
     */
    FAILED
}
