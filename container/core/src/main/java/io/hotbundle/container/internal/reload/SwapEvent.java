package io.hotbundle.container.internal.reload;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.hotbundle.api.ReloadEvent;

/** The container's {@link ReloadEvent}: immutable, one per member and step of a swap. */
public record SwapEvent(String symbolicName, String fromVersion, String toVersion, long generation, Instant started,
        Duration duration, Outcome outcome, Optional<String> failure, Optional<String> cause, long transaction)
        implements ReloadEvent {

    public SwapEvent {
        Objects.requireNonNull(symbolicName, "symbolicName");
        Objects.requireNonNull(fromVersion, "fromVersion");
        Objects.requireNonNull(toVersion, "toVersion");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(cause, "cause");
    }

    /** The announcement of a swap of one member. */
    public static SwapEvent aboutToReload(String name, String from, String to, long generation,
            Optional<String> cause, long transaction) {
        return new SwapEvent(name, from, to, generation, Instant.now(), Duration.ZERO, Outcome.ABOUT_TO_RELOAD,
                Optional.empty(), cause, transaction);
    }

    /** The final event of this member's swap. */
    public SwapEvent ended(Outcome result, Duration took, String why) {
        return new SwapEvent(symbolicName, fromVersion, toVersion, generation, started, took, result,
                Optional.ofNullable(why), cause, transaction);
    }

    @Override
    public String toString() {
        return symbolicName + " " + fromVersion + " -> " + toVersion + " " + outcome.name().toLowerCase()
                + cause.map(c -> " (" + c + ")").orElse("") + failure.map(f -> ": " + f).orElse("");
    }
}
