package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;

import java.nio.file.Files;

import org.junit.Test;

import io.hotbundle.api.PluginInfo;

/** A bundle dropped into the deploy folder serves; overwritten, it serves its new build; deleted, it is gone. */
public class PluginLifecycleIT extends ContainerTestSupport {

    @Test
    public void aDroppedBundleRegistersItsService() throws Exception {
        TestJars.drop(fixture(), deploy, "greeter.jar");

        awaitGreeting(FIXTURE, "Hello, world (1.0.0)");
        PluginInfo info = awaitServing(FIXTURE, 1);
        assertEquals("1.0.0", info.version());
        assertEquals(deploy.resolve("greeter.jar"), info.file().orElseThrow());
    }

    @Test
    public void anOverwrittenBundleServesItsNewBuildUnderTheSameBundleId() throws Exception {
        TestJars.drop(fixture(), deploy, "greeter.jar");
        awaitGreeting(FIXTURE, "Hello, world (1.0.0)");
        long bundleId = awaitServing(FIXTURE, 1).bundleId();

        TestJars.drop(TestJars.withVersion(fixture(), "1.0.1"), deploy, "greeter.jar");

        awaitGreeting(FIXTURE, "Hello, world (1.0.1)");
        PluginInfo info = awaitServing(FIXTURE, 2);
        assertEquals(bundleId, info.bundleId());
        assertEquals("1.0.1", info.version());
        assertEquals(2, info.generation());
    }

    @Test
    public void aDeletedBundleTakesItsServiceAway() throws Exception {
        TestJars.drop(fixture(), deploy, "greeter.jar");
        awaitGreeting(FIXTURE, "Hello, world (1.0.0)");

        Files.delete(deploy.resolve("greeter.jar"));

        Await.until("the fixture's service to go", () -> greetingFrom(FIXTURE) == null);
        Await.until("the registry to forget the fixture", () -> plugin(FIXTURE).isEmpty());
        assertNull(context.getBundle("hotbundle:" + FIXTURE));
    }

    @Test
    public void aNewFileWithTheSameSymbolicNameReplacesThePluginAsASwap() throws Exception {
        TestJars.drop(fixture(), deploy, "greeter-1.0.0.jar");
        awaitGreeting(FIXTURE, "Hello, world (1.0.0)");
        long bundleId = awaitServing(FIXTURE, 1).bundleId();

        TestJars.drop(TestJars.withVersion(fixture(), "1.0.1"), deploy, "greeter-1.0.1.jar");
        awaitGreeting(FIXTURE, "Hello, world (1.0.1)");
        Files.delete(deploy.resolve("greeter-1.0.0.jar"));

        // Deleting the old name removes nothing: the plugin now comes from the new file.
        Await.until("the registry to point at the new file",
                () -> deploy.resolve("greeter-1.0.1.jar").equals(plugin(FIXTURE).orElseThrow().file().orElse(null)));
        awaitGreeting(FIXTURE, "Hello, world (1.0.1)");
        assertEquals(bundleId, plugin(FIXTURE).orElseThrow().bundleId());
        assertFalse(registry.plugins().isEmpty());
    }
}
