package io.hotbundle.container.internal.admission;

import java.util.Set;
import java.util.function.Supplier;

import io.hotbundle.container.internal.artifacts.Artifact;
import io.hotbundle.container.internal.artifacts.BundleHeaders;
import io.hotbundle.container.internal.deploy.InvalidArchiveException;

/**
 * Refuses a build that exports the container's API ({@code io.hotbundle.*}), a {@code java.*} package or a package
 * the framework exports: hosts and the container would wire to the plugin's copy, and a swap of it would restart
 * them, or they would split between two copies of one API.
 */
final class ReservedPackages implements AdmissionCheck {

    private final Supplier<Set<String>> frameworkPackages;

    ReservedPackages(Supplier<Set<String>> frameworkPackages) {
        this.frameworkPackages = frameworkPackages;
    }

    @Override
    public void check(Artifact artifact, Serving serving) throws InvalidArchiveException {
        Set<String> framework = null;
        for (BundleHeaders.Export export : artifact.headers().exports()) {
            String pkg = export.pkg();
            if (pkg.equals("io.hotbundle") || pkg.startsWith("io.hotbundle.") || pkg.startsWith("java.")) {
                throw new InvalidArchiveException("refused: it exports " + pkg + ", which belongs to "
                        + (pkg.startsWith("java.") ? "the Java platform" : "the container"));
            }
            framework = framework == null ? frameworkPackages.get() : framework;
            if (framework.contains(pkg)) {
                throw new InvalidArchiveException("refused: it exports " + pkg + ", which the framework exports");
            }
        }
    }
}
