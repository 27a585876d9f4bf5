package io.hotbundle.fleet.internal.model;

/**
 * What one node serves of one plugin and why, as it reports it to the fleet.
 *
 * @param version       the version serving now (null: none)
 * @param sha256        its digest
 * @param targetVersion the version the fleet asks this node for
 * @param targetSha256  its digest
 * @param outcome       what happened to the target
 * @param cause         why, for a failure; null otherwise
 * @param time          when the outcome was reached, epoch milliseconds
 */
public record PluginReport(String version, String sha256, String targetVersion, String targetSha256,
        Outcome outcome, String cause, long time) {

    /** Whether the node serves this digest and its part ended well. */
    public boolean serves(String digest) {
        return outcome == Outcome.SERVING && digest.equals(sha256);
    }
}
