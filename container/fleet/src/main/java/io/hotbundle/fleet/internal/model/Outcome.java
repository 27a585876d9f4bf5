package io.hotbundle.fleet.internal.model;

/** What a node did with the release the fleet asked it to serve. */
public enum Outcome {
    /** Fetching the bytes from the repository. */
    DOWNLOADING,
    /** Offered to the container; the swap has not ended yet. */
    SWAPPING,
    /** The release serves. */
    SERVING,
    /** The container could not make it serve and put the previous version back. */
    ROLLED_BACK,
    /** It could not serve and nothing serves in its place. */
    FAILED,
    /** Not offered, or not taken: wrong digest, not the plugin named, not in the repository, refused. */
    REFUSED,
    /** The fleet no longer asks for the plugin here: withdrawn. */
    REMOVED;

    /** Whether this ends a node's part in a rollout as a failure. */
    public boolean failed() {
        return this == ROLLED_BACK || this == FAILED || this == REFUSED;
    }
}
