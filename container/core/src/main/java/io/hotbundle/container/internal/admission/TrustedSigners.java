package io.hotbundle.container.internal.admission;

import io.hotbundle.container.internal.artifacts.Artifact;
import io.hotbundle.container.internal.deploy.InvalidArchiveException;
import io.hotbundle.container.internal.trust.Signatures;

/** Trust mode: refuses a build that is not signed, whole, by a key the trust store trusts. */
final class TrustedSigners implements AdmissionCheck {

    private final Signatures signatures;
    private final String problem;

    /** @param signatures the trusted keys; null when the trust store could not be read ({@code problem} says why) */
    TrustedSigners(Signatures signatures, String problem) {
        this.signatures = signatures;
        this.problem = problem;
    }

    @Override
    public void check(Artifact artifact, Serving serving) throws InvalidArchiveException {
        if (signatures == null) {
            throw new InvalidArchiveException("refused: the trust store is unusable: " + problem);
        }
        signatures.check(artifact.file());
    }
}
