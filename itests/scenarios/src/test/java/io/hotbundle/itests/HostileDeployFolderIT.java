package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

/**
 * Whatever lands in the deploy folder, the container stays up and the version that served keeps serving:
 * temporary and hidden names, links out of the folder, jars that claim to be the container, copies in slow
 * chunks, bursts of overwrites, and two files carrying one plugin.
 */
public class HostileDeployFolderIT extends ContainerTestSupport {

    @Test
    public void temporaryHiddenAndEditorFilesAreIgnored() throws Exception {
        byte[] jar = TestJars.withVersion(fixture(), "1.0.0");
        for (String name : new String[] {".greeter.jar", "greeter.jar.tmp", "greeter.jar.part", "greeter.jar~",
                ".greeter.jar.swp", "#greeter.jar#"}) {
            Files.write(deploy.resolve(name), jar);
        }
        awaitEarlierDropsHandled();

        assertTrue(plugin(FIXTURE).isEmpty());
    }

    @Test
    public void aLinkToAJarOutsideTheFolderIsNotFollowed() throws Exception {
        Path outside = Files.write(Files.createTempDirectory(deploy.getParent(), "outside-").resolve("greeter.jar"),
                Files.readAllBytes(fixture()));
        Files.createSymbolicLink(deploy.resolve("greeter.jar"), outside);
        awaitEarlierDropsHandled();

        assertTrue(plugin(FIXTURE).isEmpty());
    }

    @Test
    public void aJarThatCarriesTheNameOfAContainerBundleIsRefused() throws Exception {
        long apiModified = bundle("io.hotbundle.api").getLastModified();
        TestJars.drop(TestJars.withHeaders(fixture(), Map.of("Bundle-SymbolicName", "io.hotbundle.api",
                "Bundle-Version", "9.0.0")), deploy, "api.jar");
        awaitEarlierDropsHandled();

        assertTrue(plugin("io.hotbundle.api").isEmpty());
        assertEquals(apiModified, bundle("io.hotbundle.api").getLastModified());
        assertEquals("1.0.0", bundle("io.hotbundle.api").getVersion().toString().substring(0, 5));
    }

    @Test
    public void aJarCopiedInSlowChunksIsTakenOnlyWhenComplete() throws Exception {
        TestJars.drop(fixture(), deploy, "greeter.jar");
        awaitServing(FIXTURE, 1);
        byte[] next = TestJars.withVersion(fixture(), "1.0.1");

        // Written in place in four chunks, pausing longer than the 10 ms poll between them.
        try (OutputStream out = Files.newOutputStream(deploy.resolve("greeter.jar"))) {
            for (int chunk = 0; chunk < 4; chunk++) {
                int from = next.length * chunk / 4;
                out.write(next, from, next.length * (chunk + 1) / 4 - from);
                out.flush();
                TimeUnit.MILLISECONDS.sleep(60);
                if (chunk < 3) {
                    assertEquals("Hello, world (1.0.0)", greetingFrom(FIXTURE));
                }
            }
        }

        awaitGreeting(FIXTURE, "Hello, world (1.0.1)");
        assertEquals(2, awaitServing(FIXTURE, 2).generation());
        assertTrue(reloads.history(FIXTURE).stream().noneMatch(e -> e.failure().isPresent()));
    }

    @Test
    public void fiftyOverwritesInASecondEndOnTheLastWithoutAPileUpOfSwaps() throws Exception {
        TestJars.drop(fixture(), deploy, "greeter.jar");
        awaitServing(FIXTURE, 1);
        byte[][] builds = new byte[51][];
        for (int patch = 1; patch <= 50; patch++) {
            builds[patch] = TestJars.withVersion(fixture(), "1.0." + patch);
        }
        long started = System.nanoTime();

        for (int patch = 1; patch <= 50; patch++) {
            TestJars.drop(builds[patch], deploy, "greeter.jar");
            TimeUnit.MILLISECONDS.sleep(10);
        }
        long droppedIn = (System.nanoTime() - started) / 1_000_000;

        awaitGreeting(FIXTURE, "Hello, world (1.0.50)");
        int swaps = reloads.history(FIXTURE).size();
        assertTrue("swaps: " + swaps, swaps >= 1 && swaps <= 50);
        assertTrue(reloads.history(FIXTURE).stream().allMatch(e -> e.failure().isEmpty()));
        System.out.println("[storm] 50 overwrites in " + droppedIn + " ms took " + swaps + " swaps");
    }

    @Test
    public void twoFilesWithOnePluginEndWithTheOneDroppedLast() throws Exception {
        TestJars.drop(fixture(), deploy, "greeter-a.jar");
        awaitServing(FIXTURE, 1);

        TestJars.drop(TestJars.withVersion(fixture(), "1.0.1"), deploy, "greeter-b.jar");

        awaitGreeting(FIXTURE, "Hello, world (1.0.1)");
        assertEquals(deploy.resolve("greeter-b.jar"), awaitServing(FIXTURE, 2).file().orElseThrow());
        assertEquals(1, context.getBundles().length - countOthers());
    }

    @Test
    public void aHundredPluginsDroppedAtOnceAllServe() throws Exception {
        var builds = new java.util.ArrayList<byte[]>();
        for (int i = 0; i < 100; i++) {
            builds.add(TestJars.withHeaders(fixture(), Map.of("Bundle-SymbolicName", "io.hotbundle.fixture.many" + i)));
        }
        long started = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            TestJars.drop(builds.get(i), deploy, "many" + i + ".jar");
        }

        Await.until("a hundred plugins serving", () -> registry.plugins().stream()
                .filter(p -> p.symbolicName().startsWith("io.hotbundle.fixture.many"))
                .filter(p -> p.status() == io.hotbundle.api.PluginStatus.SERVING).count() == 100);
        System.out.println("[storm] 100 plugins serving " + (System.nanoTime() - started) / 1_000_000
                + " ms after the first drop");
        assertEquals("Hello, world (1.0.0)", greetingFrom("io.hotbundle.fixture.many99"));
    }

    @Test
    public void aDeleteDuringASwapRemovesThePluginOnceTheSwapIsDone() throws Exception {
        TestJars.drop(fixture(), deploy, "greeter.jar");
        awaitServing(FIXTURE, 1);
        var hold = new java.util.concurrent.CompletableFuture<io.hotbundle.api.ReloadHold>();
        context.registerService(io.hotbundle.api.ReloadListener.class,
                new RecordingListener((event, holds) -> hold.complete(holds.hold("the test"))), null);
        var swapped = reloads.nextReload(FIXTURE);

        TestJars.drop(TestJars.withVersion(fixture(), "1.0.1"), deploy, "greeter.jar");
        var held = hold.get(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
        Files.delete(deploy.resolve("greeter.jar"));
        held.close();

        assertEquals(io.hotbundle.api.ReloadEvent.Outcome.RELOADED,
                swapped.get(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS).outcome());
        Await.until("the plugin to be removed", () -> plugin(FIXTURE).isEmpty());
        awaitEarlierDropsHandled();
        assertTrue(greetingFrom(FIXTURE) == null);
    }

    @Test
    public void anOlderVersionOverANewerOneIsASwapByDefault() throws Exception {
        TestJars.drop(TestJars.withVersion(fixture(), "2.0.0"), deploy, "greeter.jar");
        awaitServing(FIXTURE, 1);

        TestJars.drop(TestJars.withVersion(fixture(), "1.5.0"), deploy, "greeter.jar");

        awaitGreeting(FIXTURE, "Hello, world (1.5.0)");
        assertEquals("1.5.0", awaitServing(FIXTURE, 2).version());
    }

    @Test
    public void anOlderVersionIsRefusedWhenDowngradesAreRefused() throws Exception {
        configureDeployer("downgrade", "refuse");
        TestJars.drop(TestJars.withVersion(fixture(), "2.0.0"), deploy, "greeter.jar");
        awaitServing(FIXTURE, 1);

        TestJars.drop(TestJars.withVersion(fixture(), "1.5.0"), deploy, "greeter.jar");
        awaitEarlierDropsHandled();

        assertEquals("Hello, world (2.0.0)", greetingFrom(FIXTURE));
        assertEquals("2.0.0", plugin(FIXTURE).orElseThrow().version());
        assertTrue(reloads.history(FIXTURE).isEmpty());
        TestJars.drop(TestJars.withVersion(fixture(), "2.0.1"), deploy, "greeter.jar");
        awaitGreeting(FIXTURE, "Hello, world (2.0.1)");
    }

    private int countOthers() {
        int others = 0;
        for (var bundle : context.getBundles()) {
            if (!FIXTURE.equals(bundle.getSymbolicName())) {
                others++;
            }
        }
        return others;
    }

    private org.osgi.framework.Bundle bundle(String symbolicName) {
        for (var bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }
}
