package io.hotbundle.container.internal.admission;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleWiring;

import io.hotbundle.container.internal.artifacts.ArchiveLimits;
import io.hotbundle.container.internal.artifacts.Artifact;
import io.hotbundle.container.internal.artifacts.ArtifactStore;
import io.hotbundle.container.internal.deploy.InvalidArchiveException;
import io.hotbundle.container.internal.trust.Signatures;

/**
 * Whether a file may become a build the container installs: it is copied into the artifact store and checked
 * there (complete, sound, within the limits, a bundle with a valid symbolic name: {@link ArtifactStore}), then
 * passes every {@link AdmissionCheck} of the policy in force. A refusal is one line and changes nothing.
 */
public final class Admission {

    /** The policy's settings, from the deployer's configuration, read once per file. */
    public record Policy(ArchiveLimits limits, boolean trustRequired, Signatures signatures, String trustProblem,
            boolean refuseDowngrades) {
    }

    /** How the message of a refusal by policy begins (a broken file's does not). */
    public static final String REFUSED = "refused: ";

    private final ArtifactStore store;
    private final BundleContext context;
    private final Predicate<String> isContainerBundle;
    private volatile Set<String> frameworkPackages;

    public Admission(ArtifactStore store, BundleContext context, Predicate<String> isContainerBundle) {
        this.store = store;
        this.context = context;
        this.isContainerBundle = isContainerBundle;
    }

    /**
     * Stages and checks a file.
     *
     * @throws InvalidArchiveException with a one-line reason when the file is refused
     */
    public Artifact admit(Path file, Policy policy, AdmissionCheck.Serving serving) throws InvalidArchiveException {
        Artifact artifact = store.stage(file, policy.limits());
        for (AdmissionCheck check : chain(policy)) {
            try {
                check.check(artifact, serving);
            } catch (InvalidArchiveException e) {
                // A sound bundle the policy turns away: said as a refusal, not as a broken file.
                throw e.getMessage().startsWith(REFUSED) ? e : new InvalidArchiveException(REFUSED + e.getMessage());
            }
        }
        return artifact;
    }

    private List<AdmissionCheck> chain(Policy policy) {
        var chain = new ArrayList<AdmissionCheck>();
        chain.add(new ContainerBundles(isContainerBundle));
        chain.add(new FragmentHosts(context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).getSymbolicName(),
                isContainerBundle));
        chain.add(new ReservedPackages(this::frameworkPackages));
        if (policy.trustRequired()) {
            chain.add(new TrustedSigners(policy.signatures(), policy.trustProblem()));
        }
        if (policy.refuseDowngrades()) {
            chain.add(new NoDowngrade());
        }
        return chain;
    }

    /** The packages the system bundle exports (the framework's and the JDK's), read once. */
    private Set<String> frameworkPackages() {
        Set<String> packages = frameworkPackages;
        if (packages == null) {
            packages = new HashSet<>();
            BundleWiring wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(BundleWiring.class);
            for (BundleCapability capability : wiring.getCapabilities(PackageNamespace.PACKAGE_NAMESPACE)) {
                packages.add((String) capability.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE));
            }
            frameworkPackages = Set.copyOf(packages);
        }
        return packages;
    }
}
