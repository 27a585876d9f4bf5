package io.hotbundle.itests;

import static io.hotbundle.itests.AcmeBundles.ANNOTATIONS;
import static io.hotbundle.itests.AcmeBundles.CORE;
import static io.hotbundle.itests.AcmeBundles.DATABIND;
import static io.hotbundle.itests.AcmeBundles.LANG3;
import static io.hotbundle.itests.AcmeBundles.REPORT;
import static org.junit.Assert.assertEquals;

import java.util.List;

import org.junit.Test;

import io.hotbundle.api.PluginInfo;
import io.hotbundle.api.PluginStatus;

/**
 * Jackson's three jars (annotations, core, databind) of a new version dropped one at a time in each order that
 * brings a jar before one it needs (databind needs core and annotations of its own version): whatever the order,
 * the set ends on the new version, consistent, and the plugin using Jackson serves. Each drop is handled before
 * the next arrives, so each order is really the order the container sees.
 */
public class JacksonDropOrderIT extends GraphTestSupport {

    @Test
    public void databindThenCoreThenAnnotationsEndsConsistentWithThePluginServing() throws Exception {
        dropsInOrder("jackson-databind", "jackson-core", "jackson-annotations");
    }

    @Test
    public void databindThenAnnotationsThenCoreEndsConsistentWithThePluginServing() throws Exception {
        dropsInOrder("jackson-databind", "jackson-annotations", "jackson-core");
    }

    @Test
    public void coreThenDatabindThenAnnotationsEndsConsistentWithThePluginServing() throws Exception {
        dropsInOrder("jackson-core", "jackson-databind", "jackson-annotations");
    }

    @Test
    public void annotationsThenDatabindThenCoreEndsConsistentWithThePluginServing() throws Exception {
        dropsInOrder("jackson-annotations", "jackson-databind", "jackson-core");
    }

    @Test
    public void allThreeDroppedAtOnceEndConsistentWithThePluginServing() throws Exception {
        deployOnJackson217();
        drop(AcmeBundles.thirdParty("jackson-databind", "2.18.2"), "jackson-databind.jar");
        drop(AcmeBundles.thirdParty("jackson-core", "2.18.2"), "jackson-core.jar");
        drop(AcmeBundles.thirdParty("jackson-annotations", "2.18.2"), "jackson-annotations.jar");
        assertServingOnJackson218();
    }

    private void dropsInOrder(String... artifacts) throws Exception {
        deployOnJackson217();
        for (String artifact : artifacts) {
            drop(AcmeBundles.thirdParty(artifact, "2.18.2"), artifact + ".jar");
            awaitEarlierDropsHandled();
            assertRegistryTellsTheTruth();
        }
        assertServingOnJackson218();
    }

    private void deployOnJackson217() throws Exception {
        drop(AcmeBundles.thirdParty("commons-lang3", "3.12.0"), "commons-lang3.jar");
        dropJackson("2.17.2");
        drop(AcmeBundles.fixture(REPORT), "report.jar");
        awaitAllServing(LANG3, ANNOTATIONS, CORE, DATABIND, REPORT);
        awaitAnswerContaining(REPORT, "\"jackson\":\"2.17.2\"");
    }

    private void assertServingOnJackson218() {
        for (String jar : List.of(ANNOTATIONS, CORE, DATABIND)) {
            Await.until(jar + " serving 2.18.2 (registry: " + summary() + ")", () -> plugin(jar)
                    .filter(p -> p.status() == PluginStatus.SERVING && p.version().equals("2.18.2")).isPresent());
        }
        awaitAnswerContaining(REPORT, "\"jackson\":\"2.18.2\"");
        for (PluginInfo plugin : registry.plugins()) {
            assertEquals(plugin.name() + ": " + plugin.problem(), PluginStatus.SERVING, plugin.status());
        }
        assertEquals(List.of(REPORT, DATABIND), plugin(CORE).orElseThrow().usedBy());
        assertRegistryTellsTheTruth();
    }
}
