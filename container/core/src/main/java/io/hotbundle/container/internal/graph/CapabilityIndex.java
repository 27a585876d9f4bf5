package io.hotbundle.container.internal.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.namespace.BundleNamespace;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;

import io.hotbundle.container.internal.artifacts.Artifact;
import io.hotbundle.container.internal.artifacts.BundleHeaders;

/**
 * Everything that could satisfy a requirement once a set of changes is applied: the capabilities of the bundles
 * installed now (less those being replaced or left behind) and those the incoming builds will declare. Answers,
 * before anything stops, whether a new set can resolve at the level of packages and bundles.
 */
final class CapabilityIndex {

    /** One capability, and who offers it, in words. */
    record Offer(String namespace, Map<String, Object> attributes, String provider) {
    }

    private final Map<String, List<Offer>> byNamespace = new HashMap<>();

    /** The capabilities of every installed bundle whose id {@code excluded} does not match. */
    static CapabilityIndex installed(BundleContext context, LongPredicate excluded) {
        var index = new CapabilityIndex();
        for (Bundle bundle : context.getBundles()) {
            BundleRevision revision = bundle.adapt(BundleRevision.class);
            if (revision == null || excluded.test(bundle.getBundleId()) || bundle.getState() == Bundle.UNINSTALLED) {
                continue;
            }
            for (BundleCapability capability : revision.getDeclaredCapabilities(null)) {
                index.add(new Offer(capability.getNamespace(), capability.getAttributes(),
                        bundle.getSymbolicName() + " " + bundle.getVersion()));
            }
        }
        return index;
    }

    /** Adds what an incoming build will export: its packages and itself as a bundle. */
    void add(Artifact artifact) {
        BundleHeaders headers = artifact.headers();
        for (BundleHeaders.Export export : headers.exports()) {
            add(new Offer(PackageNamespace.PACKAGE_NAMESPACE, Map.of(PackageNamespace.PACKAGE_NAMESPACE, export.pkg(),
                    PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE, export.version(),
                    PackageNamespace.CAPABILITY_BUNDLE_SYMBOLICNAME_ATTRIBUTE, headers.symbolicName(),
                    PackageNamespace.CAPABILITY_BUNDLE_VERSION_ATTRIBUTE, headers.version()), artifact.toString()));
        }
        add(new Offer(BundleNamespace.BUNDLE_NAMESPACE, Map.of(BundleNamespace.BUNDLE_NAMESPACE, headers.symbolicName(),
                BundleNamespace.CAPABILITY_BUNDLE_VERSION_ATTRIBUTE, headers.version()), artifact.toString()));
    }

    private void add(Offer offer) {
        byNamespace.computeIfAbsent(offer.namespace(), n -> new ArrayList<>()).add(offer);
    }

    /** Whether anything indexed matches the filter in the namespace. */
    boolean satisfies(String namespace, String filter) {
        Filter parsed;
        try {
            parsed = filter == null ? null : FrameworkUtil.createFilter(filter);
        } catch (InvalidSyntaxException e) {
            return true; // not ours to judge: the framework's resolver will say
        }
        for (Offer offer : byNamespace.getOrDefault(namespace, List.of())) {
            if (parsed == null || parsed.matches(offer.attributes())) {
                return true;
            }
        }
        return false;
    }

    /** The namespaces this index knows (for tests and reports). */
    Set<String> namespaces() {
        return byNamespace.keySet();
    }
}
