package io.hotbundle.itests;

import static io.hotbundle.itests.AcmeBundles.FORMAT;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.Test;

/**
 * A bundle in the deploy folder that exports a package of the container's API, or one the framework exports,
 * would have hosts and the container wire to its copy: it is refused in one line and nothing is installed.
 */
public class ReservedPackagesIT extends GraphTestSupport {

    @Test
    public void aBundleExportingTheContainersApiIsRefusedInOneLineAndNothingIsInstalled() throws Exception {
        int mark = log.mark();
        drop(exporting("com.acme.evil.api", "io.hotbundle.api;version=\"2.9.0\""), "evil-api.jar");
        String line = log.await("refused evil-api.jar", mark);
        assertEquals("refused evil-api.jar: it exports io.hotbundle.api, which belongs to the container", line);
        awaitEarlierDropsHandled();
        assertEquals(1, log.lines().stream().skip(mark).filter(l -> l.contains("evil-api.jar")
                && !l.contains("told the deployer") && !l.contains("not told again")).count());
        assertNothingInstalledNamed("com.acme.evil.api");
    }

    @Test
    public void aBundleExportingAFrameworkPackageIsRefusedInOneLine() throws Exception {
        int mark = log.mark();
        drop(exporting("com.acme.evil.framework", "org.osgi.framework;version=\"1.10.0\""), "evil-framework.jar");
        assertEquals("refused evil-framework.jar: it exports org.osgi.framework, which the framework exports",
                log.await("refused evil-framework.jar", mark));
        awaitEarlierDropsHandled();
        assertNothingInstalledNamed("com.acme.evil.framework");
    }

    private void assertNothingInstalledNamed(String symbolicName) {
        assertTrue(summary(), plugin(symbolicName).isEmpty());
        assertTrue(Arrays.stream(context.getBundles()).noneMatch(b -> symbolicName.equals(b.getSymbolicName())));
        assertEquals(List.of(), reloads.history(symbolicName));
    }

    private static byte[] exporting(String symbolicName, String exports) throws Exception {
        return TestJars.withHeaders(AcmeBundles.fixture(FORMAT), Map.of("Bundle-SymbolicName", symbolicName,
                "Export-Package", exports));
    }
}
