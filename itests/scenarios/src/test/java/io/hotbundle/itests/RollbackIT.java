package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

import org.junit.Test;

import io.hotbundle.api.PluginControl;
import io.hotbundle.api.PluginInfo;
import io.hotbundle.api.PluginStatus;
import io.hotbundle.api.ReloadEvent;
import io.hotbundle.api.ReloadEvent.Outcome;

/**
 * A version that cannot serve is rolled back: the previous one serves again, and the failure is recorded with
 * its cause. One test per way a version can fail.
 */
public class RollbackIT extends ContainerTestSupport {

    @Test
    public void aVersionThatDoesNotResolveIsRolledBack() throws Exception {
        ReloadEvent event = swapTo(TestJars.unresolvable(fixture(), "1.0.1"));

        assertTrue(event.failure().orElseThrow(), event.failure().orElseThrow().contains("io.hotbundle.does.not.exist"));
        assertPreviousVersionServes(event);
    }

    @Test
    public void aVersionWhoseComponentThrowsOnActivationIsRolledBack() throws Exception {
        ReloadEvent event = swapTo(behaving("fail-activation"));

        assertTrue(event.failure().orElseThrow(), event.failure().orElseThrow().contains("failed to activate"));
        assertPreviousVersionServes(event);
    }

    @Test
    public void aVersionWhoseComponentWaitsForAServiceNobodyProvidesIsRolledBack() throws Exception {
        ReloadEvent event = swapTo(TestJars.waitingFor(fixture(), "1.0.1", "io.hotbundle.does.not.Exist"));

        assertEquals("io.hotbundle.fixture.greeter 1.0.1: component io.hotbundle.fixture.greeter.VersionedGreeter "
                + "waits for a service no bundle provides: io.hotbundle.does.not.Exist (reference 'missing')",
                event.failure().orElseThrow());
        assertPreviousVersionServes(event);
    }

    @Test
    public void aVersionWhoseActivationOutlastsTheTimeoutIsRolledBack() throws Exception {
        configureDeployer("activation.timeout.ms", 1000L);

        ReloadEvent event = swapTo(behaving("hang-activation"));

        assertTrue(event.failure().orElseThrow(), event.failure().orElseThrow().contains("within 1000 ms"));
        assertPreviousVersionServes(event);
    }

    @Test
    public void aVersionWhoseDeactivationHangsCostsABoundedWaitNotTheContainer() throws Exception {
        System.clearProperty("hotbundle.fixture.release");
        configureDeployer("deactivation.timeout.ms", 1000L);
        configureDeployer("refresh.timeout.ms", 1000L);
        try {
            deactivationHangs();
        } finally {
            System.setProperty("hotbundle.fixture.release", "true");
        }
    }

    private void deactivationHangs() throws Exception {
        TestJars.drop(TestJars.withHeaders(fixture(), Map.of("Fixture-Behaviour", "hang-deactivation")), deploy,
                "greeter.jar");
        awaitServing(FIXTURE, 1);
        var outcome = reloads.nextReload(FIXTURE);

        TestJars.drop(TestJars.withVersion(fixture(), "1.0.1"), deploy, "greeter.jar");

        long stuckBundle = plugin(FIXTURE).orElseThrow().bundleId();
        ReloadEvent event = outcome.get(Await.DEFAULT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);

        // The stuck bundle is left behind; the previous build comes back as a fresh install, and serves.
        assertEquals(Outcome.ROLLED_BACK, event.outcome());
        assertTrue(event.failure().orElseThrow(), event.failure().orElseThrow()
                .contains("deactivation did not finish within 1000 ms"));
        PluginInfo info = plugin(FIXTURE).orElseThrow();
        assertEquals(PluginStatus.ROLLED_BACK, info.status());
        assertEquals("1.0.0", info.version());
        assertTrue("a fresh bundle, not the stuck one", info.bundleId() != stuckBundle);
        assertEquals("Hello, world (1.0.0)", greetingFrom(FIXTURE));
        PluginControl control = context.getService(context.getServiceReference(PluginControl.class));
        var leftBehind = control.leftBehind(FIXTURE);
        assertEquals(leftBehind.toString(), 1, leftBehind.size());
        assertTrue(leftBehind.get(0), leftBehind.get(0).startsWith("bundle " + stuckBundle + " (1.0.0), thread '"));
        assertTrue(leftBehind.get(0), leftBehind.get(0).contains("VersionedGreeter.deactivate"));
        // The container goes on: the next plugin deploys.
        awaitEarlierDropsHandled();
    }

    @Test
    public void aRolledBackBuildIsNotTriedAgainUntilItsFileChanges() throws Exception {
        swapTo(behaving("fail-activation"));
        Path file = deploy.resolve("greeter.jar");

        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        awaitEarlierDropsHandled();
        assertEquals(1, reloads.history(FIXTURE).size());

        TestJars.drop(TestJars.withVersion(fixture(), "1.0.2"), deploy, "greeter.jar");
        awaitGreeting(FIXTURE, "Hello, world (1.0.2)");
        assertEquals(PluginStatus.SERVING, awaitServing(FIXTURE, 2).status());
    }

    private byte[] behaving(String behaviour) throws Exception {
        return TestJars.withHeaders(fixture(), Map.of("Bundle-Version", "1.0.1", "Fixture-Behaviour", behaviour));
    }

    /** Deploys 1.0.0, then drops {@code next} over it and returns the swap's final event. */
    private ReloadEvent swapTo(byte[] next) throws Exception {
        TestJars.drop(fixture(), deploy, "greeter.jar");
        awaitServing(FIXTURE, 1);
        var outcome = reloads.nextReload(FIXTURE);
        TestJars.drop(next, deploy, "greeter.jar");
        return outcome.get(Await.DEFAULT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void assertPreviousVersionServes(ReloadEvent event) {
        assertEquals(Outcome.ROLLED_BACK, event.outcome());
        assertEquals("1.0.0", event.fromVersion());
        assertEquals("1.0.1", event.toVersion());
        assertEquals("Hello, world (1.0.0)", greetingFrom(FIXTURE));
        PluginInfo info = plugin(FIXTURE).orElseThrow();
        assertEquals(PluginStatus.ROLLED_BACK, info.status());
        assertEquals("1.0.0", info.version());
        assertEquals(1, info.generation());
        assertTrue(info.problem().orElseThrow().startsWith("rolled back 1.0.1: "));
        assertEquals(1, reloads.generation(FIXTURE));
        assertEquals(java.util.List.of(event), reloads.history(FIXTURE));
    }
}
