package io.hotbundle.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of one plugin swap, as {@link ReloadListener}s and {@link Reloads} see it.
 *
 * @param symbolicName the plugin
 * @param fromVersion  the version that served when the swap began
 * @param toVersion    the version the swap installs (or tried to)
 * @param generation   the plugin's generation once this swap succeeds: the current one plus one. After a
 *                     successful swap it is the plugin's generation; after a failed one, the plugin stays at
 *                     the generation before it
 * @param started      when the swap began (the about-to-reload announcement)
 * @param duration     how long the swap took, from the announcement to the new version serving or the old
 *                     one serving again; zero in an about-to-reload event
 * @param outcome      what happened
 * @param failure      why the swap failed, one line; empty unless {@link Outcome#ROLLED_BACK} or
 *                     {@link Outcome#FAILED}
 */
public record ReloadEvent(
        String symbolicName,
        String fromVersion,
        String toVersion,
        long generation,
        Instant started,
        Duration duration,
        Outcome outcome,
        Optional<String> failure) {

    /** What a swap did. Constants may be added in a minor version: switch with a default branch. */
    public enum Outcome {
        /** Announced, not yet done: the old version still serves. */
        ABOUT_TO_RELOAD,
        /** The new version serves. */
        RELOADED,
        /** The new version could not serve; the previous version serves again, with its state. */
        ROLLED_BACK,
        /** The new version could not serve and the previous one could not be put back either. */
        FAILED
    }

    /** Checks that no component is missing. */
    public ReloadEvent {
        Objects.requireNonNull(symbolicName, "symbolicName");
        Objects.requireNonNull(fromVersion, "fromVersion");
        Objects.requireNonNull(toVersion, "toVersion");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(failure, "failure");
    }
}
