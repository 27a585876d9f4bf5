package io.hotbundle.container.internal.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
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
 *
 * <p>Built for every swap, so kept cheap: what one bundle revision offers is filed once ({@link Offers}, which a
 * caller may keep as long as the revision is installed), package and bundle capabilities under their name (the
 * system bundle alone exports hundreds of packages), and a requirement that names one, as every Import-Package and
 * Require-Bundle does, is matched only against the capabilities of that name.
 */
final class CapabilityIndex {

    /** The capabilities one bundle revision or incoming build offers, filed by namespace and name. */
    static final class Offers {

        private final Map<String, List<Map<String, Object>>> byKey = new HashMap<>();

        /** What an installed revision declares; it never changes, so it can be kept as long as the revision. */
        static Offers of(BundleRevision revision) {
            var offers = new Offers();
            for (BundleCapability capability : revision.getDeclaredCapabilities(null)) {
                offers.add(capability.getNamespace(), capability.getAttributes());
            }
            return offers;
        }

        void add(String namespace, Map<String, Object> attributes) {
            Object name = NAMED.contains(namespace) ? attributes.get(namespace) : null;
            byKey.computeIfAbsent(key(namespace, name == null ? null : name.toString()), k -> new ArrayList<>())
                    .add(attributes);
        }

        boolean satisfy(String namespace, String name, Filter filter) {
            if (name != null) {
                return anyMatches(byKey.getOrDefault(key(namespace, name), List.of()), filter);
            }
            // No single name to go by: everything of the namespace, named or not.
            for (Map.Entry<String, List<Map<String, Object>>> entry : byKey.entrySet()) {
                String key = entry.getKey();
                if ((key.equals(namespace) || key.startsWith(namespace + '\0')) && anyMatches(entry.getValue(), filter)) {
                    return true;
                }
            }
            return false;
        }
    }

    private final List<Offers> offers = new ArrayList<>();
    private final Offers loose = new Offers();

    CapabilityIndex() {
        offers.add(loose);
    }

    /** The capabilities of every installed bundle whose id {@code excluded} does not match. */
    static CapabilityIndex installed(BundleContext context, LongPredicate excluded) {
        return installed(context, excluded, Offers::of);
    }

    /** As {@link #installed(BundleContext, LongPredicate)}, with what each revision offers from {@code offersOf}. */
    static CapabilityIndex installed(BundleContext context, LongPredicate excluded,
            Function<BundleRevision, Offers> offersOf) {
        var index = new CapabilityIndex();
        for (Bundle bundle : context.getBundles()) {
            BundleRevision revision = bundle.adapt(BundleRevision.class);
            if (revision != null && !excluded.test(bundle.getBundleId()) && bundle.getState() != Bundle.UNINSTALLED) {
                index.offers.add(offersOf.apply(revision));
            }
        }
        return index;
    }

    /** Adds what an incoming build will export: its packages and itself as a bundle. */
    void add(Artifact artifact) {
        BundleHeaders headers = artifact.headers();
        for (BundleHeaders.Export export : headers.exports()) {
            add(PackageNamespace.PACKAGE_NAMESPACE, Map.of(PackageNamespace.PACKAGE_NAMESPACE, export.pkg(),
                    PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE, export.version(),
                    PackageNamespace.CAPABILITY_BUNDLE_SYMBOLICNAME_ATTRIBUTE, headers.symbolicName(),
                    PackageNamespace.CAPABILITY_BUNDLE_VERSION_ATTRIBUTE, headers.version()));
        }
        add(BundleNamespace.BUNDLE_NAMESPACE, Map.of(BundleNamespace.BUNDLE_NAMESPACE, headers.symbolicName(),
                BundleNamespace.CAPABILITY_BUNDLE_VERSION_ATTRIBUTE, headers.version()));
    }

    void add(String namespace, Map<String, Object> attributes) {
        loose.add(namespace, attributes);
    }

    /** Whether anything indexed matches the filter in the namespace. */
    boolean satisfies(String namespace, String filter) {
        Filter parsed;
        try {
            parsed = filter == null ? null : FrameworkUtil.createFilter(filter);
        } catch (InvalidSyntaxException e) {
            return true; // not ours to judge: the framework's resolver will say
        }
        String name = NAMED.contains(namespace) ? namedIn(namespace, filter) : null;
        for (Offers offered : offers) {
            if (offered.satisfy(namespace, name, parsed)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyMatches(List<Map<String, Object>> attributes, Filter filter) {
        for (Map<String, Object> offered : attributes) {
            if (filter == null || filter.matches(offered)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The one name a filter requires, when it requires it as a whole ({@code (ns=name)}, or first of an
     * {@code (&...)}, the form the framework gives Import-Package and Require-Bundle); null otherwise.
     */
    private static String namedIn(String namespace, String filter) {
        if (filter == null) {
            return null;
        }
        String head = filter.startsWith("(&(") ? filter.substring(3) : filter.startsWith("(") ? filter.substring(1) : "";
        if (!head.startsWith(namespace + "=")) {
            return null;
        }
        int end = head.indexOf(')');
        String name = end < 0 ? "" : head.substring(namespace.length() + 1, end);
        return name.isEmpty() || name.contains("*") || name.contains("\\") ? null : name;
    }

    private static String key(String namespace, String name) {
        return name == null ? namespace : namespace + '\0' + name;
    }

    private static final Set<String> NAMED = Set.of(PackageNamespace.PACKAGE_NAMESPACE, BundleNamespace.BUNDLE_NAMESPACE);
}
