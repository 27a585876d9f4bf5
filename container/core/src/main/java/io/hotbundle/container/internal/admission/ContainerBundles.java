package io.hotbundle.container.internal.admission;

import java.util.function.Predicate;

import io.hotbundle.container.internal.artifacts.Artifact;
import io.hotbundle.container.internal.deploy.InvalidArchiveException;

/** Refuses a build that carries the symbolic name of one of the container's own bundles: it would replace them. */
final class ContainerBundles implements AdmissionCheck {

    private final Predicate<String> isContainerBundle;

    ContainerBundles(Predicate<String> isContainerBundle) {
        this.isContainerBundle = isContainerBundle;
    }

    @Override
    public void check(Artifact artifact, Serving serving) throws InvalidArchiveException {
        if (isContainerBundle.test(artifact.symbolicName())) {
            throw new InvalidArchiveException("refused: " + artifact.symbolicName()
                    + " is part of the container and cannot be replaced from the deploy folder");
        }
    }
}
