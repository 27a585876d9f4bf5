package io.hotbundle.itests;

import static io.hotbundle.itests.AcmeBundles.FORMAT;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.Test;

/**
 * A fragment of the framework (an extension, whose activator the framework itself would run, unwoven) or of one of
 * the container's bundles cannot come through the deploy folder: it is refused in one line before anything is
 * installed, and what serves keeps serving.
 */
public class FragmentHostsIT extends GraphTestSupport {

    @Test
    public void aFrameworkExtensionIsRefusedUnderEitherNameOfTheSystemBundle() throws Exception {
        for (String host : List.of("system.bundle; extension:=framework", "org.apache.felix.framework")) {
            int mark = log.mark();
            drop(fragment("com.acme.evil.extension", host), "evil-extension.jar");
            assertEquals("refused evil-extension.jar: it extends the framework (Fragment-Host: "
                    + host.split(";")[0] + "), whose code would run outside the container's checks",
                    log.await("refused evil-extension.jar", mark));
            awaitEarlierDropsHandled();
            assertNothingInstalledNamed("com.acme.evil.extension");
        }
    }

    @Test
    public void aFragmentOfAContainerBundleIsRefused() throws Exception {
        int mark = log.mark();
        drop(fragment("com.acme.evil.inside", "io.hotbundle.container"), "evil-inside.jar");
        assertEquals("refused evil-inside.jar: it is a fragment of io.hotbundle.container, which is part of the "
                + "container", log.await("refused evil-inside.jar", mark));
        awaitEarlierDropsHandled();
        assertNothingInstalledNamed("com.acme.evil.inside");
    }

    private void assertNothingInstalledNamed(String symbolicName) {
        assertTrue(summary(), plugin(symbolicName).isEmpty());
        assertTrue(Arrays.stream(context.getBundles()).noneMatch(b -> symbolicName.equals(b.getSymbolicName())));
    }

    private static byte[] fragment(String symbolicName, String host) throws Exception {
        return TestJars.withHeaders(AcmeBundles.fixture(FORMAT), Map.of("Bundle-SymbolicName", symbolicName,
                "Fragment-Host", host, "Bundle-Activator", "", "Service-Component", ""));
    }
}
