package io.hotbundle.container.internal.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy folder's watcher looks at the folder only after events, and now and then as a backstop, yet proves
 * itself alive at once when the health check asks; a watcher that stopped does not. Where a link in the folder's
 * path can be pointed elsewhere without an event, it looks once per poll.
 */
class WatcherProbeTest {

    @TempDir
    Path root;

    private final AtomicInteger lost = new AtomicInteger();
    private final AtomicInteger found = new AtomicInteger();
    private WatcherProbe probe;
    private FolderWatcher watcher;

    @AfterEach
    void close() throws InterruptedException {
        watcher.close();
    }

    /** Every 10 ms, as before, would be about 100 looks in a second; the backstop is one in 100 ms. */
    @Test
    void aQuietFolderIsLookedAtOnlyAsABackstop() throws Exception {
        watch(Files.createDirectories(root.resolve("deploy")), 10);
        awaitQuiet();

        long before = probe.looks();
        Thread.sleep(1000); // a measurement over a fixed second, not a wait for a condition
        long looks = probe.looks() - before;

        assertTrue(looks <= 1000 / (FolderWatcher.BACKSTOP_POLLS * 10) + 5, looks + " looks in a second");
    }

    /** A poll of Long.MAX_VALUE ms (a hostile or careless setting) is a very long wait, not an overflow into a spin. */
    @Test
    void theLongestPollDoesNotSpin() throws Exception {
        watch(Files.createDirectories(root.resolve("deploy")), Long.MAX_VALUE);
        awaitQuiet();

        long before = probe.looks();
        Thread.sleep(500); // a measurement over a fixed half second, not a wait for a condition
        assertTrue(probe.looks() - before <= 2, (probe.looks() - before) + " looks in half a second");
    }

    @Test
    void everyRequestIsAnsweredAtOnce() throws Exception {
        watch(Files.createDirectories(root.resolve("deploy")), 10_000);
        for (int request = 0; request < 3; request++) {
            awaitQuiet();
            long asked = System.currentTimeMillis();
            long started = System.nanoTime();

            long lastLook = probe.lastLookMillis();

            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(lastLook >= asked, "request " + request + " not answered: last look " + (asked - lastLook)
                    + " ms before it");
            assertTrue(tookMillis < WatcherProbe.ANSWER_MILLIS / 2, "request " + request + " took " + tookMillis
                    + " ms");
        }
    }

    /** Unanswered requests count from the first of them, not from the last look nor from each new request. */
    @Test
    void aStoppedWatcherLeavesRequestsUnansweredFromTheFirst() throws Exception {
        watch(Files.createDirectories(root.resolve("deploy")), 10_000);
        probe.lastLookMillis();
        watcher.close();
        long closed = System.currentTimeMillis();

        long started = System.nanoTime();
        long first = probe.lastLookMillis();
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        long second = probe.lastLookMillis();

        assertTrue(first >= closed, "a stopped watcher is judged from an answer before it stopped");
        assertEquals(first, second, "a new request restarted the silence");
        assertTrue(waited >= WatcherProbe.ANSWER_MILLIS / 2, "the request did not wait for an answer");
    }

    /**
     * A deploy folder named by a link whose folder is deleted, seen gone, and made again elsewhere than beside the
     * link: no event in the link's parent, so the watcher looks once per poll, well before its backstop would,
     * also while the link is broken.
     */
    @Test
    void aLinkedFolderMadeAgainIsFoundWithinAFewPolls() throws Exception {
        Path target = Files.createDirectories(root.resolve("releases/deploy"));
        Path link = Files.createSymbolicLink(Files.createDirectories(root.resolve("current")).resolve("deploy"), target);
        watch(link, 1000);
        awaitQuiet();

        Files.delete(target);
        await("the folder to be seen gone", 3, () -> lost.get() > 0);
        awaitQuiet();
        Files.createDirectory(target);

        await("the folder made again to be found", 3, () -> found.get() > 0);
    }

    /**
     * The folder's parent moved away and the folder made again where it was: no watch sees that (the parent's
     * followed the parent), so the backstop look finds it. After that the new parent is watched: the new folder
     * moved away is seen at once, well before the next backstop look.
     */
    @Test
    void aFolderMadeAgainUnderAMovedParentIsFoundByTheBackstop() throws Exception {
        Path folder = Files.createDirectories(root.resolve("platform/deploy"));
        watch(folder, 500);
        awaitQuiet();

        Files.move(root.resolve("platform"), root.resolve("platform-old"));
        Files.createDirectories(folder);
        await("the folder made again to be found", 3 * FolderWatcher.BACKSTOP_POLLS / 2, () -> found.get() > 0);

        awaitQuiet();
        Files.move(folder, root.resolve("platform/deploy-old"));
        await("the new folder moved away to be seen", 2, () -> lost.get() > 0);
    }

    private void watch(Path folder, long pollMillis) {
        var presence = new FolderPresence(folder);
        assertTrue(presence.start());
        probe = new WatcherProbe(root.resolve("data/watcher-probe"));
        watcher = new FolderWatcher(folder, new FolderNotices(file -> { }), presence, new FolderWatcher.Listener() {
            @Override
            public void lost() {
                lost.incrementAndGet();
            }

            @Override
            public void found() {
                found.incrementAndGet();
            }
        }, probe, pollMillis);
        watcher.start();
    }

    /** Until the watcher has looked once and waits, with no event left over from the start. */
    private void awaitQuiet() throws InterruptedException {
        await("the watcher to wait for events", 10, () -> probe.looks() > 0
                && watcher.thread().getState() == Thread.State.TIMED_WAITING);
    }

    private static void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(5);
        }
    }
}
