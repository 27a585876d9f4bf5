package io.hotbundle.container.internal.admission;

import java.util.Optional;

import org.osgi.framework.Version;

import io.hotbundle.container.internal.artifacts.Artifact;
import io.hotbundle.container.internal.deploy.InvalidArchiveException;

/**
 * One rule a build must pass before anything is installed, checked on the container's private copy of it. The
 * chain of them is the whole admission policy ({@link Admission}); each says why it refuses in one line.
 */
@FunctionalInterface
public interface AdmissionCheck {

    /** What a check may ask of the container: the version serving now under a symbolic name, if any. */
    @FunctionalInterface
    interface Serving {
        Optional<Version> version(String symbolicName);
    }

    /** Throws with the reason when the build is refused. */
    void check(Artifact artifact, Serving serving) throws InvalidArchiveException;
}
