package io.hotbundle.fleet.internal.model;

/** Where a rollout is. */
public enum Phase {
    /** Asked for by an operator; the controller has not planned its waves yet. */
    PENDING,
    /** Waves are being released. */
    ROLLING,
    /** Stopped where it is by an operator: the nodes that took the new version keep it. */
    PAUSED,
    /** Every wave served and baked: the new version is the fleet's desired version. */
    COMPLETED,
    /** A node failed or the deadline passed: every node goes back to the previous version. */
    HALTED,
    /** Stopped by an operator: every node goes back to the previous version. */
    ABORTED,
    /** A completed rollout taken back by an operator: every node goes back to the previous version. */
    UNDONE;

    /** Whether the rollout still overlays the desired state (nodes of released waves serve its new version). */
    public boolean active() {
        return this == PENDING || this == ROLLING || this == PAUSED;
    }
}
