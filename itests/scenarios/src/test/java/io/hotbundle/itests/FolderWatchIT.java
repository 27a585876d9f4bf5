package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * How the deploy folder is watched: jars arrive by the folder's events, at once, whatever FileInstall's poll;
 * the poll is the safety net; a file is handed over once per change, and only when complete; the folder may go
 * and come back.
 */
public class FolderWatchIT extends ContainerTestSupport {

    /** Far below the 10 s poll these tests set, far above the milliseconds a drop takes. */
    private static final Duration WITHOUT_A_POLL = Duration.ofSeconds(3);

    private LogLines log;

    @Before
    public void listen() {
        log = new LogLines();
    }

    @After
    public void stopListening() throws IOException {
        log.close();
        if (!Files.isDirectory(deploy)) {
            Files.deleteIfExists(deploy);
            Files.createDirectories(deploy);
        }
    }

    @Test
    public void aRenamedJarServesWithoutWaitingForAPoll() throws Exception {
        poll(10_000);

        TestJars.drop(fixture(), deploy, "greeter.jar");

        Await.until("the plugin serving, without a poll", WITHOUT_A_POLL, () -> plugin(FIXTURE).isPresent());
        awaitGreeting(FIXTURE, "Hello, world (1.0.0)");
    }

    @Test
    public void aJarWrittenInPlaceInSlowChunksIsTakenOnlyWhenComplete() throws Exception {
        poll(10_000);
        TestJars.drop(fixture(), deploy, "greeter.jar");
        awaitServing(FIXTURE, 1);
        byte[] next = TestJars.withVersion(fixture(), "1.0.1");

        // Pauses longer than the watcher's quiet time: each half file is handed over, refused, and 1.0.0 serves.
        try (OutputStream out = Files.newOutputStream(deploy.resolve("greeter.jar"))) {
            for (int chunk = 0; chunk < 4; chunk++) {
                int from = next.length * chunk / 4;
                out.write(next, from, next.length * (chunk + 1) / 4 - from);
                out.flush();
                if (chunk < 3) {
                    TimeUnit.MILLISECONDS.sleep(400);
                    assertEquals("Hello, world (1.0.0)", greetingFrom(FIXTURE));
                }
            }
        }

        Await.until("1.0.1 serving once complete, without a poll", WITHOUT_A_POLL,
                () -> reloads.generation(FIXTURE) == 2);
        awaitGreeting(FIXTURE, "Hello, world (1.0.1)");
        assertEquals(1, reloads.history(FIXTURE).size());
    }

    @Test
    public void aJarSeenByEventsAndByThePollIsHandedOverOnceAndSwappedOnce() throws Exception {
        poll(300);
        TestJars.drop(fixture(), deploy, "greeter.jar");
        awaitServing(FIXTURE, 1);
        log.await("greeter.jar: unchanged since the deployer was told, not told again (QUIET)");
        int before = log.mark();

        TestJars.drop(TestJars.withVersion(fixture(), "1.0.1"), deploy, "greeter.jar");

        awaitServing(FIXTURE, 2);
        log.await("greeter.jar: unchanged since the deployer was told, not told again (QUIET)", before);
        List<String> since = log.lines().subList(before, log.lines().size());
        assertEquals(since.toString(), 1, since.stream().filter(l -> l.startsWith("greeter.jar: told")).count());
        assertTrue(since.toString(), since.contains("greeter.jar: told the deployer (EVENTS)"));
        assertEquals(1, reloads.history(FIXTURE).size());
    }

    @Test
    public void theFolderDeletedAndRestoredFromABackupIsWatchedAgainByEventsAndByThePoll() throws Exception {
        poll(200);
        byte[] greeter = Files.readAllBytes(fixture());
        TestJars.drop(greeter, deploy, "greeter.jar");
        Path cfg = Files.writeString(deploy.resolve(FIXTURE + ".cfg"), "greeting=Bonjour\n");
        FileTime cfgTime = FileTime.from(Instant.now().minusSeconds(3600));
        Files.setLastModifiedTime(cfg, cfgTime);
        awaitGreeting(FIXTURE, "Bonjour, world (1.0.0)");

        deleteRecursively(deploy);

        Await.until("the plugin removed with its folder", () -> plugin(FIXTURE).isEmpty());
        Await.until("its configuration deleted with its file", () -> configurations(FIXTURE) == null);
        log.await("the deploy folder " + deploy + " is gone");
        assertEquals(log.lines().toString(), 1, log.count(l -> l.contains(" is gone") || l.contains("not a folder")));

        // Restored as a backup would be: the same configuration file, with its time of an hour ago.
        Files.createDirectories(deploy);
        log.await("the deploy folder " + deploy + " is back");
        Files.setLastModifiedTime(Files.writeString(cfg, "greeting=Bonjour\n"), cfgTime);
        TestJars.drop(greeter, deploy, "greeter.jar");

        awaitGreeting(FIXTURE, "Bonjour, world (1.0.0)");
        int mark = log.mark();
        TestJars.drop(TestJars.withVersion(fixture(), "1.0.1"), deploy, "greeter.jar");

        awaitGreeting(FIXTURE, "Bonjour, world (1.0.1)");
        log.await("greeter.jar: told the deployer (EVENTS)", mark);
        assertEquals(1, log.count(l -> l.contains(" is gone")));
    }

    @Test
    public void aFolderReplacedByAFileIsOneLineAndItsPluginsGoUntilAFolderIsBack() throws Exception {
        poll(10_000);
        TestJars.drop(fixture(), deploy, "greeter.jar");
        awaitServing(FIXTURE, 1);

        deleteRecursively(deploy);
        Files.writeString(deploy, "not a folder");

        Await.until("the plugin removed", () -> plugin(FIXTURE).isEmpty());
        Await.until("one line about the folder", () -> log.count(l -> l.contains("the deploy folder " + deploy)) == 1);
        Files.delete(deploy);
        Files.createDirectories(deploy);
        log.await("the deploy folder " + deploy + " is back", 0, WITHOUT_A_POLL);
        TestJars.drop(fixture(), deploy, "greeter.jar");
        awaitServing(FIXTURE, 1);
        TestJars.drop(TestJars.withVersion(fixture(), "1.0.1"), deploy, "greeter.jar");

        Await.until("1.0.1 serving, without a poll", WITHOUT_A_POLL, () -> reloads.generation(FIXTURE) == 2);
        assertEquals(log.lines().toString(), 2, log.count(l -> l.contains("the deploy folder " + deploy)));
    }

    @Test
    public void aSubFolderHoldingABundleIsNeverInstalled() throws Exception {
        poll(50);
        for (String name : List.of("unpacked", "unpacked.jar")) {
            Path folder = Files.createDirectories(deploy.resolve(name).resolve("META-INF"));
            Files.writeString(folder.resolve("MANIFEST.MF"), "Manifest-Version: 1.0\nBundle-ManifestVersion: 2\n"
                    + "Bundle-SymbolicName: io.hotbundle.fixture." + name.replace('.', '-') + "\n",
                    StandardCharsets.UTF_8);
            // A file FileInstall's own NIO watcher would report the sub-folder for.
            Files.writeString(folder.resolveSibling("settings.cfg"), "key=value\n");
        }
        awaitEarlierDropsHandled();

        // FileInstall zips a sub-folder up and installs it within two polls (100 ms) when it may.
        TimeUnit.MILLISECONDS.sleep(1000);
        for (Bundle bundle : context.getBundles()) {
            assertTrue(bundle.getSymbolicName(), !String.valueOf(bundle.getSymbolicName()).contains("unpacked"));
        }
        deleteRecursively(deploy.resolve("unpacked"));
        deleteRecursively(deploy.resolve("unpacked.jar"));
    }

    /** Sets the folder's poll interval and waits until the watcher says it applies. */
    private void poll(long millis) throws IOException {
        var properties = new Hashtable<String, Object>();
        properties.put("poll.ms", millis);
        admin().getConfiguration("io.hotbundle.folder", "?").update(properties);
        log.await("a look at the whole folder every " + millis + " ms");
    }

    private org.osgi.service.cm.Configuration[] configurations(String pid) {
        try {
            return admin().listConfigurations("(service.pid=" + pid + ")");
        } catch (IOException | org.osgi.framework.InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private ConfigurationAdmin admin() {
        return context.getService(context.getServiceReference(ConfigurationAdmin.class));
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }
}
