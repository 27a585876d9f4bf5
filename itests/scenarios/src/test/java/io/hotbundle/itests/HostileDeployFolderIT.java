package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    public void temporaryHiddenAndEditorFilesAreIgnoredAndTheJarIsTakenUnderItsFinalName() throws Exception {
        byte[] jar = TestJars.withVersion(fixture(), "1.0.0");
        List<String> temporary = List.of(".greeter.jar", "greeter.jar.tmp", "greeter.jar.part", "greeter.jar~",
                ".greeter.jar.swp", "#greeter.jar#");
        for (String name : temporary) {
            Files.write(deploy.resolve(name), jar);
        }
        int mark = logMark();

        // As a careful tool finishes: the temporary copy renamed to its final name. The container says nothing of
        // temporary names, so its word on the final one is what the check waits for; had it taken a temporary
        // copy first, the plugin would have been deployed from that one, and the final name would be unchanged.
        Files.move(deploy.resolve("greeter.jar.part"), deploy.resolve("greeter.jar"));

        String verdict = awaitVerdict("greeter.jar", mark);
        assertTrue(verdict, verdict.startsWith("deployed " + FIXTURE + " 1.0.0 from greeter.jar "));
        // The log line comes as the plugin starts, the registry once the reconciliation is done.
        assertEquals(deploy.resolve("greeter.jar"), awaitServing(FIXTURE, 1).file().orElseThrow());
        assertEquals(1, registry.plugins().size());
        assertTrue(containerLog.lines().toString(), containerLog.lines().stream()
                .noneMatch(l -> temporary.stream().anyMatch(l::contains)));
    }

    @Test
    public void aLinkToAJarOutsideTheFolderIsNotFollowed() throws Exception {
        Path outside = Files.write(Files.createTempDirectory(deploy.getParent(), "outside-").resolve("greeter.jar"),
                Files.readAllBytes(fixture()));
        int mark = logMark();
        Files.createSymbolicLink(deploy.resolve("greeter.jar"), outside);

        String verdict = awaitVerdict("greeter.jar", mark);
        assertTrue(verdict, verdict.startsWith("ignored greeter.jar: a symbolic link"));
        assertTrue(plugin(FIXTURE).isEmpty());
    }

    @Test
    public void aJarThatCarriesTheNameOfAContainerBundleIsRefused() throws Exception {
        long apiModified = bundle("io.hotbundle.api").getLastModified();
        int mark = logMark();
        TestJars.drop(TestJars.withHeaders(fixture(), Map.of("Bundle-SymbolicName", "io.hotbundle.api",
                "Bundle-Version", "9.0.0")), deploy, "api.jar");
        String verdict = awaitVerdict("api.jar", mark);

        assertTrue(verdict, verdict.startsWith("refused api.jar: "));

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
        // A host that holds every swap for 100 ms: the worker can then take about ten swaps a second, far fewer
        // than the drops come, so that a pile-up (a swap for every drop, one after the other) would show.
        var releases = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        context.registerService(io.hotbundle.api.ReloadListener.class, new RecordingListener((event, holds) -> {
            var hold = holds.hold("a slow host");
            releases.schedule(hold::close, HOLD_MILLIS, TimeUnit.MILLISECONDS);
        }), null);
        long started = System.nanoTime();

        for (int patch = 1; patch <= 50; patch++) {
            TestJars.drop(builds[patch], deploy, "greeter.jar");
            TimeUnit.MILLISECONDS.sleep(10);
        }
        java.time.Instant lastDrop = java.time.Instant.now();
        long droppedIn = (System.nanoTime() - started) / 1_000_000;

        awaitGreeting(FIXTURE, "Hello, world (1.0.50)");
        // Whatever the storm queued is done once a plugin dropped after it serves: one worker takes the changes
        // in the order they were told, and renamed jars are told in the order of their renames.
        String later = "io.hotbundle.fixture.later";
        TestJars.drop(TestJars.withHeaders(fixture(), Map.of("Bundle-SymbolicName", later)), deploy, "later.jar");
        awaitServing(later, 1);
        releases.shutdown();
        List<io.hotbundle.api.ReloadEvent> history = reloads.history(FIXTURE);
        int swaps = history.size();
        System.out.println("[storm] 50 overwrites in " + droppedIn + " ms took " + swaps + " swaps");
        assertTrue(history.toString(), history.stream().allMatch(e -> e.failure().isEmpty()));
        // Each swap took the newest build there was when it began: the versions only go up.
        for (int i = 1; i < swaps; i++) {
            assertTrue(history.toString(), patch(history.get(i)) > patch(history.get(i - 1)));
        }
        // No pile-up: after the last drop, at most the swap then in progress ended and one more took the newest,
        // and the worker never ran more swaps than it could take while the drops came, one per hold.
        long afterTheLastDrop = history.stream().filter(e -> e.started().isAfter(lastDrop)).count();
        assertTrue(afterTheLastDrop + " swaps began after the last drop: " + history, afterTheLastDrop <= 2);
        assertTrue(swaps + " swaps for drops over " + droppedIn + " ms", swaps <= droppedIn / HOLD_MILLIS + 2);
        assertEquals(1 + swaps, plugin(FIXTURE).orElseThrow().generation());
    }

    private static final long HOLD_MILLIS = 100;

    private static int patch(io.hotbundle.api.ReloadEvent event) {
        return Integer.parseInt(event.toVersion().substring("1.0.".length()));
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

        int mark = logMark();
        TestJars.drop(TestJars.withVersion(fixture(), "1.5.0"), deploy, "greeter.jar");
        String verdict = awaitVerdict("greeter.jar", mark);

        assertTrue(verdict, verdict.startsWith("refused greeter.jar: "));
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
