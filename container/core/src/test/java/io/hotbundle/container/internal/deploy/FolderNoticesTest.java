package io.hotbundle.container.internal.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.hotbundle.container.internal.deploy.FolderNotices.Via;

/** Each change of a jar reaches the deployer once, whichever way it was noticed, and only when complete. */
class FolderNoticesTest {

    @TempDir
    Path folder;

    private final List<Path> told = new ArrayList<>();
    private final FolderNotices notices = new FolderNotices(told::add);

    @Test
    void aJarNoticedByEventsThenByThePollIsToldOnce() throws Exception {
        Path jar = settled(write("a.jar", zip("one")));

        assertTrue(notices.changed(jar, Via.EVENTS));
        notices.quiet(jar);

        assertEquals(List.of(jar), told);
    }

    @Test
    void aYoungFileNoticedByEventsAgainIsToldAgainSinceASecondWriteInTheSameClockTickWouldLookTheSame()
            throws Exception {
        Path jar = write("a.jar", zip("one"));

        notices.changed(jar, Via.EVENTS);
        notices.changed(jar, Via.EVENTS);
        notices.quiet(jar);

        assertEquals(List.of(jar, jar), told);
    }

    @Test
    void aChangedJarIsToldAgainAndADeletedOneOnceAsGone() throws Exception {
        Path jar = settled(write("a.jar", zip("one")));
        notices.changed(jar, Via.EVENTS);
        settled(write("a.jar", zip("two, longer")));
        notices.quiet(jar);
        Files.delete(jar);
        notices.changed(jar, Via.EVENTS);
        notices.quiet(jar);

        assertEquals(List.of(jar, jar, jar), told);
    }

    /** Ant's {@code <move overwrite="true">} deletes the old jar, then renames the new one into its place. */
    @Test
    void aJarDeletedAndWrittenAgainAtOnceIsOneChangeNotARemoval() throws Exception {
        Path jar = settled(write("a.jar", zip("one")));
        notices.changed(jar, Via.EVENTS);
        Files.delete(jar);

        assertFalse(notices.changed(jar, Via.EVENTS), "a jar just gone is waited for");
        assertEquals(List.of(jar), told);

        write("a.jar", zip("two, longer"));
        assertTrue(notices.changed(jar, Via.EVENTS));
        notices.quiet(jar);

        assertEquals(List.of(jar, jar), told);
        assertTrue(Files.exists(jar), "the second notice was the new jar, not its removal");
    }

    @Test
    void aJarStillBeingWrittenWaitsForItsEndAndIsToldWhenComplete() throws Exception {
        byte[] whole = zip("content");
        Path jar = write("a.jar", Arrays.copyOf(whole, whole.length - 10));

        assertFalse(notices.changed(jar, Via.EVENTS), "half a jar is not complete");
        assertTrue(told.isEmpty());

        write("a.jar", whole);
        assertTrue(notices.changed(jar, Via.EVENTS));
        assertEquals(List.of(jar), told);
    }

    @Test
    void aFileThatNeverLooksCompleteIsToldOnceQuietSoThatTheDeployerReportsIt() throws Exception {
        Path jar = write("a.jar", "not a zip".getBytes());

        assertFalse(notices.changed(jar, Via.EVENTS));
        notices.quiet(jar);

        assertEquals(List.of(jar), told);
    }

    @Test
    void aRescanTellsWhatEventsMissedAndNothingElse() throws Exception {
        Path kept = settled(write("kept.jar", zip("kept")));
        Path deleted = settled(write("deleted.jar", zip("deleted")));
        notices.initial(List.of(kept, deleted));
        Files.delete(deleted);
        Path added = write("added.jar", zip("added"));
        write(".hidden.jar.part", zip("hidden"));

        FolderNotices.Rescan rescan = notices.rescan(folder);

        assertEquals(List.of(added, deleted), told);
        assertEquals(2, rescan.told());
        assertTrue(rescan.inProgress().isEmpty());
    }

    @Test
    void rescansFollowingOneAnotherInAFloodTellAYoungJarOnce() throws Exception {
        Path added = write("added.jar", zip("added"));

        assertEquals(1, notices.rescan(folder).told());
        assertEquals(0, notices.rescan(folder).told());
        assertEquals(List.of(added), told);
    }

    @Test
    void aGoneFolderTellsEveryJarItHeldAsGone() throws Exception {
        Path a = settled(write("a.jar", zip("a")));
        Path b = settled(write("b.jar", zip("b")));
        notices.initial(List.of(a, b));
        Files.delete(a);
        Files.delete(b);
        Files.delete(folder);

        notices.rescan(folder);

        assertEquals(List.of(a, b), told);
    }

    /**
     * A read that does not return (a pipe put in a jar's place between the look at its type and the read waits
     * for a writer) holds up only the thread reading: FileInstall's poll still tells the deployer of other files.
     */
    @Test
    void aReadThatHangsDoesNotHoldUpThePoll() throws Exception {
        Path stuck = write("stuck.jar", zip("one"));
        Path other = settled(write("other.jar", zip("two")));
        var reading = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var hanging = new FolderNotices(told::add, file -> {
            reading.countDown();
            try {
                return release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return false;
            }
        });
        var events = new Thread(() -> hanging.changed(stuck, Via.EVENTS), "events");
        events.start();
        try {
            assertTrue(reading.await(10, TimeUnit.SECONDS));
            var poll = CompletableFuture.runAsync(() -> hanging.quiet(other));
            poll.get(10, TimeUnit.SECONDS);
            assertEquals(List.of(other), told);
        } finally {
            release.countDown();
            events.join();
        }
    }

    @Test
    void anEventForAJarTheDeployerHasAsItIsDoesNotReadIt() throws Exception {
        Path jar = settled(write("a.jar", zip("one")));
        var reads = new java.util.concurrent.atomic.AtomicInteger();
        var counting = new FolderNotices(told::add, file -> reads.incrementAndGet() > 0);
        counting.quiet(jar);

        assertTrue(counting.changed(jar, Via.EVENTS));
        assertEquals(0, reads.get());
        assertEquals(List.of(jar), told);
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(folder.resolve(name), content);
    }

    /** Dates the file's last write back, as a jar that has been in the folder for a while. */
    private static Path settled(Path file) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
        return file;
    }

    static byte[] zip(String content) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("content.txt"));
            zip.write(content.getBytes());
        }
        return bytes.toByteArray();
    }
}
