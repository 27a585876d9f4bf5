package io.hotbundle.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One step of one bundle's swap, as {@link ReloadListener}s and {@link Reloads} see it.
 *
 * <p>A swap is a transaction over a set of bundles: the bundle whose new version arrived, and every hosted
 * bundle wired to it, which the framework restarts with it. Each member of the set gets events of its own,
 * all carrying the same {@link #transaction()}; a member restarted for another has {@link #cause()}.
 *
 * <p>Implemented by the container; an interface so that it can grow in minor versions. Immutable.
 */
@ProviderType
public interface ReloadEvent {

    /** What a swap did. Constants may be added in a minor version: switch with a default branch. */
    enum Outcome {
        /** Announced, not yet done: the old version still serves. */
        ABOUT_TO_RELOAD,
        /** The new version serves. */
        RELOADED,
        /** The new version could not serve; the previous version serves again, with its state. */
        ROLLED_BACK,
        /** The new version could not serve and the previous one could not be put back either. */
        FAILED
    }

    /** The bundle's name in the container ({@link PluginInfo#name()}). */
    String symbolicName();

    /** The version that served when the swap began. */
    String fromVersion();

    /**
     * The version the swap installs (or tried to); the same as {@link #fromVersion()} for a bundle restarted
     * because a bundle it is wired to was swapped.
     */
    String toVersion();

    /**
     * The bundle's generation once this swap succeeds: the current one plus one. After a successful swap it is
     * the bundle's generation; after a failed one, the bundle stays at the generation before it.
     */
    long generation();

    /** When the swap began (the about-to-reload announcement). */
    Instant started();

    /**
     * How long the swap took, from the announcement to every member serving (or serving again); zero in an
     * about-to-reload event.
     */
    Duration duration();

    /** What happened. */
    Outcome outcome();

    /**
     * Why the swap failed, one line, naming who could not serve and why; empty unless
     * {@link Outcome#ROLLED_BACK} or {@link Outcome#FAILED}.
     */
    Optional<String> failure();

    /**
     * Why this bundle takes part in a swap whose new version is another bundle's, for example
     * {@code refreshed for com.acme.pricing.api 1.0.0 -> 1.1.0}; empty for the bundle whose version changes.
     */
    Optional<String> cause();

    /** An id shared by the events of every member of one swap, increasing from one swap to the next. */
    long transaction();

    /**
     * How long this bundle's gate was closed: from the moment calls through hot handles started to wait for the
     * swap to the moment they ran again, the longest any one call was held. Zero in an about-to-reload event.
     */
    Duration gateClosed();

    /**
     * Who still held this swap when the hold timeout passed, so that the swap went on without them (as given to
     * {@link ReloadHolds#hold}); empty when every hold was let go in time, and in an about-to-reload event.
     */
    List<String> holdsOverran();
}
