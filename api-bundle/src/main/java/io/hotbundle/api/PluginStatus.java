package io.hotbundle.api;

/**
 * What a plugin is doing now.
 *
 * <p>New constants may be added in a minor version of this package; code that switches over them must have
 * a default branch.
 */
public enum PluginStatus {

    /** Active, and every component of it can serve: its services are available. */
    SERVING,

    /** Serving, but swaps wait: changed files are applied when it is resumed ({@link Reloads#resume}). */
    PAUSED,

    /**
     * Serving its previous version: the last swap failed and was rolled back (or refused before anything
     * stopped). {@link PluginInfo#problem()} says why. The build that failed is not tried again until its file
     * changes, unless it failed only for something no hosted bundle provides: then it is tried again whenever a
     * bundle arrives or changes.
     */
    ROLLED_BACK,

    /**
     * Not serving: its activation failed, it could not be stopped or started in time, or it ended the process
     * the last time it started, and there was no previous version to put back. {@link PluginInfo#problem()}
     * says why.
     */
    FAILED,

    /**
     * Not serving yet: it needs something no hosted bundle provides now (a package, a bundle, a service).
     * {@link PluginInfo#waitingFor()} says what; the container tries again whenever a bundle arrives or changes.
     */
    WAITING
}
