package io.hotbundle.container.internal.admission;

import io.hotbundle.container.internal.artifacts.Artifact;
import io.hotbundle.container.internal.deploy.InvalidArchiveException;

/** With {@code downgrade=refuse}: refuses a build older than the version serving under its symbolic name. */
final class NoDowngrade implements AdmissionCheck {

    @Override
    public void check(Artifact artifact, Serving serving) throws InvalidArchiveException {
        var version = serving.version(artifact.symbolicName());
        if (version.isPresent() && artifact.version().compareTo(version.get()) < 0) {
            throw new InvalidArchiveException("refused: " + artifact.version() + " would downgrade "
                    + artifact.symbolicName() + " from " + version.get() + " (downgrade=refuse)");
        }
    }
}
