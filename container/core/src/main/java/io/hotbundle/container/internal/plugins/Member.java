package io.hotbundle.container.internal.plugins;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.hotbundle.api.ReloadEvent.Outcome;
import io.hotbundle.api.state.SavedState;
import io.hotbundle.container.internal.artifacts.Artifact;
import io.hotbundle.container.internal.leaks.LeakWatch;
import io.hotbundle.container.internal.reload.SwapEvent;

/**
 * One hosted bundle's part in a swap: the bundle whose build changes, or one restarted with it because it is wired
 * to it. Confined to the deployer's thread.
 */
final class Member {

    final Unit unit;
    /** The build it swaps to: a new one, the same one (restarted with another), or null (removed). */
    final Artifact next;
    final Path nextFile;
    /** Whether the swap is for this member's build (not a restart for another's): its bundle is updated. */
    final boolean target;
    SwapEvent announced;
    /** The state it handed off when it stopped: what it gets back if the swap rolls back. */
    Optional<SavedState> handedOff = Optional.empty();
    LeakWatch.Retiring retiring;
    boolean stuck;
    /** Set when the swap is over. */
    SwapEvent result;
    /** The swap rolled back only for something no hosted bundle provides: worth trying again when bundles change. */
    boolean retryLater;
    /** After a removal, why this member does not serve again (it is not rolled back: the file is gone). */
    String failure;
    /** It could not resolve for something no hosted bundle provides (after a removal: it waits). */
    List<String> missing = List.of();

    Member(Unit unit, Artifact next, Path nextFile, boolean target) {
        this.unit = unit;
        this.next = next;
        this.nextFile = nextFile;
        this.target = target;
    }

    /** Whether the swap is about this member: its build changes, is read again, or goes. */
    boolean changed() {
        return target;
    }

    boolean removed() {
        return next == null;
    }

    Outcome outcome() {
        return result == null ? null : result.outcome();
    }

    @Override
    public String toString() {
        return unit.name + (next == null ? " (removed)" : " " + unit.version() + " -> " + next.version());
    }
}
