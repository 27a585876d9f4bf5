package io.hotbundle.container.internal.graph;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.LongPredicate;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.namespace.BundleNamespace;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

import io.hotbundle.container.internal.artifacts.Artifact;
import io.hotbundle.container.internal.artifacts.BundleHeaders;

/**
 * Whether a set of new builds can resolve, decided before anything stops: every package and bundle each new build
 * needs must be offered by something that will be there, and every bundle wired to a replaced one must still find
 * what it is wired for. A set that fails here is refused without a swap, with causes that name who could not be
 * served and why ("com.acme.pricing.impl 1.0.0 needs package com.acme.pricing.api [1.0.0,2.0.0), which
 * com.acme.pricing.api 2.0.0 does not satisfy").
 *
 * <p>What it does not check (uses constraints, generic capabilities such as osgi.ee or osgi.extender, fragments)
 * is left to the framework's resolver during the swap, whose failure rolls the whole set back.
 */
public final class PreCheck {

    private final BundleContext context;
    private final LongPredicate abandoned;
    /**
     * What each installed revision offers, kept while it is installed: a swap changes few of them. Weakly, so that
     * a revision retired between two swaps (a dependent refreshed) does not keep its class loader here.
     */
    private Map<BundleRevision, CapabilityIndex.Offers> offers = new WeakHashMap<>();

    public PreCheck(BundleContext context, LongPredicate abandoned) {
        this.context = context;
        this.abandoned = abandoned;
    }

    /**
     * The reasons the set cannot resolve; empty when it can, as far as packages and bundles go.
     *
     * @param replaced  installed bundles and the builds that replace them (a fresh install has no bundle: key null
     *                  is not allowed; pass fresh installs in {@code added})
     * @param added     builds installed beside what is there
     */
    public List<String> problems(Map<Bundle, Artifact> replaced, List<Artifact> added) {
        Set<Long> gone = new HashSet<>();
        replaced.keySet().forEach(b -> gone.add(b.getBundleId()));
        CapabilityIndex index = installed(id -> gone.contains(id) || abandoned.test(id));
        replaced.values().forEach(index::add);
        added.forEach(index::add);

        var problems = new ArrayList<String>();
        for (Artifact artifact : concat(replaced.values(), added)) {
            needsOf(artifact, index, replaced, problems);
        }
        for (Map.Entry<Bundle, Artifact> change : replaced.entrySet()) {
            dependentsOf(change.getKey(), change.getValue(), index, gone, problems);
        }
        return problems;
    }

    private synchronized CapabilityIndex installed(LongPredicate excluded) {
        var kept = new WeakHashMap<BundleRevision, CapabilityIndex.Offers>();
        CapabilityIndex index = CapabilityIndex.installed(context, excluded, revision -> kept.computeIfAbsent(revision,
                r -> Optional.ofNullable(offers.get(r)).orElseGet(() -> CapabilityIndex.Offers.of(r))));
        offers = kept;
        return index;
    }

    private static void needsOf(Artifact artifact, CapabilityIndex index, Map<Bundle, Artifact> replaced,
            List<String> problems) {
        if (artifact.isFragment()) {
            return;
        }
        for (BundleHeaders.Import imported : artifact.headers().imports()) {
            String filter = Requirements.filter(imported);
            if (!imported.optional() && !index.satisfies(PackageNamespace.PACKAGE_NAMESPACE, filter)) {
                problems.add(artifact + " needs " + Requirements.describe(PackageNamespace.PACKAGE_NAMESPACE, filter)
                        + ", which " + whoOffered(replaced, PackageNamespace.PACKAGE_NAMESPACE, imported.pkg()));
            }
        }
        for (BundleHeaders.RequiredBundle required : artifact.headers().requiredBundles()) {
            String filter = Requirements.filter(required);
            if (!required.optional() && !index.satisfies(BundleNamespace.BUNDLE_NAMESPACE, filter)) {
                problems.add(artifact + " needs " + Requirements.describe(BundleNamespace.BUNDLE_NAMESPACE, filter)
                        + ", which no hosted bundle provides");
            }
        }
    }

    /** Who offered the package before the change, and does not now: "X 2.0.0 does not satisfy", or nobody. */
    private static String whoOffered(Map<Bundle, Artifact> replaced, String namespace, String pkg) {
        for (Map.Entry<Bundle, Artifact> change : replaced.entrySet()) {
            BundleWiring wiring = change.getKey().adapt(BundleWiring.class);
            if (wiring != null && wiring.getCapabilities(namespace).stream()
                    .anyMatch(c -> pkg.equals(c.getAttributes().get(namespace)))) {
                return change.getValue() + " does not satisfy";
            }
        }
        return "no hosted bundle provides";
    }

    private static void dependentsOf(Bundle bundle, Artifact next, CapabilityIndex index, Set<Long> gone,
            List<String> problems) {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        if (wiring == null) {
            return;
        }
        Set<String> reported = new HashSet<>();
        for (BundleWire wire : wiring.getProvidedWires(null)) {
            Bundle requirer = wire.getRequirerWiring().getBundle();
            String namespace = wire.getCapability().getNamespace();
            if (gone.contains(requirer.getBundleId()) || !(PackageNamespace.PACKAGE_NAMESPACE.equals(namespace)
                    || BundleNamespace.BUNDLE_NAMESPACE.equals(namespace))) {
                continue;
            }
            String filter = Requirements.filter(wire.getRequirement());
            if (!index.satisfies(namespace, filter)) {
                String problem = requirer.getSymbolicName() + " " + requirer.getVersion() + " needs "
                        + Requirements.describe(namespace, filter) + ", which " + next + " does not satisfy";
                if (reported.add(problem)) {
                    problems.add(problem);
                }
            }
        }
    }

    private static List<Artifact> concat(java.util.Collection<Artifact> a, List<Artifact> b) {
        var all = new ArrayList<Artifact>(a);
        all.addAll(b);
        return all;
    }
}
