package io.hotbundle.container.internal.reload;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.hotbundle.api.ReloadEvent;

/** The container's {@link ReloadEvent}: immutable, one per member and step of a swap. */
public record SwapEvent(String symbolicName, String fromVersion, String toVersion, long generation, Instant started,
        Duration duration, Outcome outcome, Optional<String> failure, Optional<String> cause, long transaction,
        Duration gateClosed, List<String> holdsOverran) implements ReloadEvent {

    public SwapEvent {
        Objects.requireNonNull(symbolicName, "symbolicName");
        Objects.requireNonNull(fromVersion, "fromVersion");
        Objects.requireNonNull(toVersion, "toVersion");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(gateClosed, "gateClosed");
        holdsOverran = List.copyOf(holdsOverran);
    }

    /** The announcement of a swap of one member. */
    public static SwapEvent aboutToReload(String name, String from, String to, long generation,
            Optional<String> cause, long transaction) {
        return new SwapEvent(name, from, to, generation, Instant.now(), Duration.ZERO, Outcome.ABOUT_TO_RELOAD,
                Optional.empty(), cause, transaction, Duration.ZERO, List.of());
    }

    /** The final event of this member's swap. */
    public SwapEvent ended(Outcome result, Duration took, String why) {
        return new SwapEvent(symbolicName, fromVersion, toVersion, generation, started, took, result,
                Optional.ofNullable(why), cause, transaction, gateClosed, holdsOverran);
    }

    /** This event, saying who still held the swap when the hold timeout passed. */
    public SwapEvent overranBy(List<String> holders) {
        return new SwapEvent(symbolicName, fromVersion, toVersion, generation, started, duration, outcome, failure,
                cause, transaction, gateClosed, holders);
    }

    /** This event, saying how long the member's gate held calls. */
    public SwapEvent gateClosedFor(Duration closed) {
        return new SwapEvent(symbolicName, fromVersion, toVersion, generation, started, duration, outcome, failure,
                cause, transaction, closed, holdsOverran);
    }

    @Override
    public String toString() {
        return symbolicName + " " + fromVersion + " -> " + toVersion + " " + outcome.name().toLowerCase()
                + cause.map(c -> " (" + c + ")").orElse("") + failure.map(f -> ": " + f).orElse("");
    }
}
