package io.hotbundle.container.internal.admission;

import java.util.function.Predicate;

import org.osgi.framework.Constants;

import io.hotbundle.container.internal.artifacts.Artifact;
import io.hotbundle.container.internal.deploy.InvalidArchiveException;

/**
 * Refuses a fragment whose host is the framework or one of the container's own bundles. A fragment of the system
 * bundle is a framework extension: the framework loads its classes itself and runs its activator, outside the
 * weaving that keeps plugins from ending the JVM and outside every swap. A fragment of a container bundle adds its
 * classes and imports to that bundle's own. Neither can be swapped or rolled back like a plugin.
 */
final class FragmentHosts implements AdmissionCheck {

    private final String frameworkName;
    private final Predicate<String> isContainerBundle;

    /** {@code frameworkName}: the system bundle's own symbolic name, an alias of {@code system.bundle}. */
    FragmentHosts(String frameworkName, Predicate<String> isContainerBundle) {
        this.frameworkName = frameworkName;
        this.isContainerBundle = isContainerBundle;
    }

    @Override
    public void check(Artifact artifact, Serving serving) throws InvalidArchiveException {
        String host = artifact.headers().fragmentHost();
        if (host == null) {
            return;
        }
        if (host.equals(Constants.SYSTEM_BUNDLE_SYMBOLICNAME) || host.equals(frameworkName)) {
            throw new InvalidArchiveException("refused: it extends the framework (Fragment-Host: " + host
                    + "), whose code would run outside the container's checks");
        }
        if (isContainerBundle.test(host)) {
            throw new InvalidArchiveException("refused: it is a fragment of " + host
                    + ", which is part of the container");
        }
    }
}
