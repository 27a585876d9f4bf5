package io.hotbundle.container.internal.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongPredicate;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/** Questions about the framework's wiring of hosted bundles: who uses whom, in which order to start, what is missing. */
public final class Wiring {

    private Wiring() {
    }

    /**
     * The bundles ordered so that each comes after the bundles it is wired to (providers first), as far as the
     * wiring now says; bundles not wired to each other keep their order. Cycles are broken in the given order.
     */
    public static List<Bundle> providersFirst(Collection<Bundle> bundles) {
        var ordered = new LinkedHashSet<Bundle>();
        var visiting = new LinkedHashSet<Bundle>();
        for (Bundle bundle : bundles) {
            visit(bundle, bundles, ordered, visiting);
        }
        return new ArrayList<>(ordered);
    }

    private static void visit(Bundle bundle, Collection<Bundle> set, Set<Bundle> ordered, Set<Bundle> visiting) {
        if (ordered.contains(bundle) || !visiting.add(bundle)) {
            return;
        }
        for (Bundle provider : providers(bundle)) {
            if (set.contains(provider) && !provider.equals(bundle)) {
                visit(provider, set, ordered, visiting);
            }
        }
        ordered.add(bundle);
    }

    /** The bundles this one is wired to now (packages, bundles, hosts). */
    public static Set<Bundle> providers(Bundle bundle) {
        var providers = new LinkedHashSet<Bundle>();
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        if (wiring != null) {
            for (BundleWire wire : wiring.getRequiredWires(null)) {
                providers.add(wire.getProviderWiring().getBundle());
            }
        }
        return providers;
    }

    /** The bundles wired to this one now. */
    public static Set<Bundle> users(Bundle bundle) {
        var users = new LinkedHashSet<Bundle>();
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        if (wiring != null) {
            for (BundleWire wire : wiring.getProvidedWires(null)) {
                users.add(wire.getRequirerWiring().getBundle());
            }
        }
        users.remove(bundle);
        return users;
    }

    /**
     * What keeps an installed bundle from resolving: its mandatory requirements that nothing installed offers,
     * in words, sorted. Empty when every requirement has an offer (the bundle may still fail on a uses conflict).
     */
    public static List<String> missing(BundleContext context, Bundle bundle, LongPredicate abandoned) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null) {
            return List.of();
        }
        CapabilityIndex index = CapabilityIndex.installed(context, abandoned);
        var missing = new TreeSet<String>();
        for (BundleRequirement requirement : revision.getDeclaredRequirements(null)) {
            String filter = Requirements.filter(requirement);
            if (Requirements.mandatory(requirement) && !index.satisfies(requirement.getNamespace(), filter)) {
                missing.add(Requirements.describe(requirement.getNamespace(), filter));
            }
        }
        return List.copyOf(missing);
    }
}
