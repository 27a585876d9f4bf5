package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.Map;

import org.junit.Test;

import io.hotbundle.api.PluginStatus;

/** A file that is not a complete bundle is never installed, and never disturbs the version that serves. */
public class BadDropKeepsServingIT extends ContainerTestSupport {

    @Test
    public void aTruncatedOverwriteLeavesThePreviousVersionServing() throws Exception {
        TestJars.drop(fixture(), deploy, "greeter.jar");
        awaitGreeting(FIXTURE, "Hello, world (1.0.0)");
        awaitServing(FIXTURE, 1);

        byte[] next = TestJars.withVersion(fixture(), "1.0.1");
        TestJars.drop(Arrays.copyOf(next, next.length / 2), deploy, "greeter.jar");
        awaitEarlierDropsHandled();
        assertEquals("Hello, world (1.0.0)", greetingFrom(FIXTURE));
        assertEquals(PluginStatus.SERVING, plugin(FIXTURE).orElseThrow().status());
        assertEquals(1, plugin(FIXTURE).orElseThrow().generation());

        TestJars.drop(next, deploy, "greeter.jar");
        awaitGreeting(FIXTURE, "Hello, world (1.0.1)");
    }

    @Test
    public void aJarWithoutBundleHeadersIsNotInstalled() throws Exception {
        TestJars.drop(fixture(), deploy, "greeter.jar");
        awaitGreeting(FIXTURE, "Hello, world (1.0.0)");
        int bundles = context.getBundles().length;

        byte[] plain = TestJars.withHeaders(fixture(), Map.of("Bundle-SymbolicName", "", "Bundle-ManifestVersion", ""));
        TestJars.drop(plain, deploy, "plain.jar");
        awaitEarlierDropsHandled();

        assertEquals(bundles + 1, context.getBundles().length);
        assertEquals("Hello, world (1.0.0)", greetingFrom(FIXTURE));
        assertTrue(Files.exists(deploy.resolve("plain.jar")));
        assertTrue(registry.plugins().stream().noneMatch(p -> p.file().map(f -> f.endsWith("plain.jar")).orElse(false)));
    }
}
