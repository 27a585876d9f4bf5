package io.hotbundle.itests;

import static io.hotbundle.itests.AcmeBundles.API;
import static io.hotbundle.itests.AcmeBundles.FORMAT;
import static io.hotbundle.itests.AcmeBundles.HOST;
import static io.hotbundle.itests.AcmeBundles.IMPL;
import static io.hotbundle.itests.AcmeBundles.REPORT;
import static io.hotbundle.itests.AcmeBundles.USER;
import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.Test;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.options.FrameworkPropertyOption;

import io.hotbundle.api.PluginInfo;
import io.hotbundle.api.PluginStatus;

/**
 * A deploy folder whose plugins sort before the libraries and APIs they need, there before the container starts:
 * the whole folder is installed, then resolved and started as one set, so every bundle serves once the container
 * is ready, whatever the file names.
 */
public class FolderOrderAtStartIT extends GraphTestSupport {

    @Override
    @Configuration
    public Option[] configuration() throws IOException {
        Option[] options = super.configuration();
        Path folder = Path.of(Arrays.stream(options).filter(FrameworkPropertyOption.class::isInstance)
                .map(FrameworkPropertyOption.class::cast).filter(o -> o.getKey().equals("hotbundle.deploy"))
                .findFirst().orElseThrow().getValue().toString());
        TestJars.drop(AcmeBundles.fixture(REPORT), folder, "a-report.jar");
        TestJars.drop(AcmeBundles.fixture(USER), folder, "b-format-user.jar");
        TestJars.drop(AcmeBundles.fixture(HOST), folder, "c-pricing-host.jar");
        TestJars.drop(AcmeBundles.fixture(IMPL), folder, "d-pricing-impl.jar");
        TestJars.drop(AcmeBundles.thirdParty("jackson-databind", "2.18.2"), folder, "w-jackson-databind.jar");
        TestJars.drop(AcmeBundles.thirdParty("jackson-core", "2.18.2"), folder, "x-jackson-core.jar");
        TestJars.drop(AcmeBundles.thirdParty("jackson-annotations", "2.18.2"), folder, "y-jackson-annotations.jar");
        TestJars.drop(AcmeBundles.thirdParty("commons-lang3", "3.17.0"), folder, "z-commons-lang3.jar");
        TestJars.drop(AcmeBundles.fixture(FORMAT), folder, "zz-format.jar");
        TestJars.drop(AcmeBundles.fixture(API), folder, "zzz-pricing-api.jar");
        return options;
    }

    @Test
    public void aFolderWhosePluginsSortBeforeTheirLibrariesServesWholeOnceReady() throws Exception {
        // Ready means the folder was handled: no waiting here, every bundle must serve now.
        List<PluginInfo> plugins = registry.plugins();
        assertEquals(summary(), 10, plugins.size());
        for (PluginInfo plugin : plugins) {
            assertEquals(plugin.name() + ": " + plugin.problem(), PluginStatus.SERVING, plugin.status());
            assertEquals(plugin.name(), 1, plugin.generation());
            assertEquals(plugin.name(), List.of(), reloads.history(plugin.name()));
        }
        assertRegistryTellsTheTruth();
        assertEquals("{\"greeting\":\"Hello, World\",\"lang3\":\"3.17.0\",\"jackson\":\"2.18.2\"}",
                greetingFrom(REPORT));
        assertEquals(USER + " count=1 activations=1 format=1.0.0", greetingFrom(USER));
        assertEquals("desk calls=1 quote=500", greetingFrom(HOST));
    }
}
