package io.hotbundle.container.internal.graph;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;
import org.osgi.framework.namespace.BundleNamespace;
import org.osgi.framework.namespace.ExecutionEnvironmentNamespace;
import org.osgi.framework.namespace.PackageNamespace;

/**
 * The index answers as a scan of every capability would: filing capabilities under their name must never make a
 * requirement look unsatisfied (a plugin refused for nothing) or satisfied (a swap that cannot resolve).
 */
class CapabilityIndexTest {

    private static final String PACKAGE = PackageNamespace.PACKAGE_NAMESPACE;

    private final CapabilityIndex index = new CapabilityIndex();

    @BeforeEach
    void offers() {
        index.add(PACKAGE, Map.of(PACKAGE, "com.acme.pricing.api", "version", new Version(1, 2, 0)));
        index.add(PACKAGE, Map.of(PACKAGE, "org.slf4j", "version", new Version(2, 0, 9)));
        index.add(BundleNamespace.BUNDLE_NAMESPACE, Map.of(BundleNamespace.BUNDLE_NAMESPACE, "com.acme.format",
                "bundle-version", new Version(1, 0, 0)));
        index.add(ExecutionEnvironmentNamespace.EXECUTION_ENVIRONMENT_NAMESPACE,
                Map.of(ExecutionEnvironmentNamespace.EXECUTION_ENVIRONMENT_NAMESPACE, "JavaSE", "version",
                        new Version(17, 0, 0)));
    }

    @Test
    void anImportIsMatchedByNameAndVersionRange() {
        assertTrue(index.satisfies(PACKAGE, "(&(osgi.wiring.package=com.acme.pricing.api)(version>=1.0.0)(!(version>=2.0.0)))"));
        assertFalse(index.satisfies(PACKAGE, "(&(osgi.wiring.package=com.acme.pricing.api)(version>=2.0.0))"));
        assertFalse(index.satisfies(PACKAGE, "(&(osgi.wiring.package=com.acme.pricing)(version>=1.0.0))"));
        assertTrue(index.satisfies(PACKAGE, "(osgi.wiring.package=org.slf4j)"));
    }

    @Test
    void aFilterWithoutOneLeadingNameIsMatchedAgainstEverythingOfItsNamespace() {
        assertTrue(index.satisfies(PACKAGE, "(|(osgi.wiring.package=nothing.here)(osgi.wiring.package=org.slf4j))"));
        assertTrue(index.satisfies(PACKAGE, "(&(version>=2.0.0)(osgi.wiring.package=org.slf4j))"));
        assertTrue(index.satisfies(PACKAGE, "(osgi.wiring.package=com.acme.*)"));
        assertFalse(index.satisfies(PACKAGE, "(&(version>=3.0.0)(osgi.wiring.package=org.slf4j))"));
        assertTrue(index.satisfies(PACKAGE, null));
    }

    @Test
    void bundlesAndOtherNamespacesAreAnsweredToo() {
        assertTrue(index.satisfies(BundleNamespace.BUNDLE_NAMESPACE,
                "(&(osgi.wiring.bundle=com.acme.format)(bundle-version>=1.0.0))"));
        assertFalse(index.satisfies(BundleNamespace.BUNDLE_NAMESPACE, "(osgi.wiring.bundle=com.acme.pricing.api)"));
        assertTrue(index.satisfies(ExecutionEnvironmentNamespace.EXECUTION_ENVIRONMENT_NAMESPACE,
                "(&(osgi.ee=JavaSE)(version=17))"));
        assertFalse(index.satisfies("osgi.extender", "(osgi.extender=osgi.component)"));
    }
}
