package io.hotbundle.container.internal.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy folder's watcher sleeps without a timer while nothing happens, and still proves itself alive when
 * the health check asks; a watcher that stopped does not.
 */
class WatcherProbeTest {

    @TempDir
    Path root;

    private final List<Path> told = new ArrayList<>();
    private WatcherProbe probe;
    private FolderWatcher watcher;

    @BeforeEach
    void watch() throws Exception {
        Path folder = Files.createDirectories(root.resolve("deploy"));
        var presence = new FolderPresence(folder);
        assertTrue(presence.start());
        probe = new WatcherProbe(root.resolve("data/watcher-probe"));
        var notices = new FolderNotices(told::add);
        watcher = new FolderWatcher(folder, notices, presence, new FolderWatcher.Listener() {
            @Override
            public void lost() {
            }

            @Override
            public void found() {
            }
        }, probe, 10);
        watcher.start();
    }

    @AfterEach
    void close() throws InterruptedException {
        watcher.close();
    }

    /** With a 10 ms poll, a watcher that woke on a timer would be seen waiting with one at least once in a second. */
    @Test
    void aQuietFolderLeavesTheWatcherAsleepWithoutATimer() throws Exception {
        Thread thread = watcherThread();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        int looked = 0;
        while (System.nanoTime() < until) {
            Thread.State state = thread.getState();
            if (state != Thread.State.RUNNABLE) {
                assertEquals(Thread.State.WAITING, state, "the watcher waits with a timer");
                looked++;
            }
            Thread.onSpinWait();
        }
        assertTrue(looked > 0, "the watcher was never seen waiting");
    }

    @Test
    void anAskedWatcherLooksAtTheFolderAgain() {
        long asked = System.currentTimeMillis();
        long first = probe.lastLookMillis();
        assertTrue(first >= asked, "the watcher did not answer the probe: last look " + (asked - first) + " ms ago");

        long askedAgain = System.currentTimeMillis();
        assertTrue(probe.lastLookMillis() >= askedAgain, "the watcher answered only one probe");
    }

    @Test
    void aStoppedWatcherLeavesTheProbeUnanswered() throws Exception {
        probe.lastLookMillis();
        watcher.close();
        long closed = System.currentTimeMillis();

        long asked = System.nanoTime();
        long last = probe.lastLookMillis();

        assertTrue(last <= closed, "a stopped watcher looked again");
        assertTrue(System.nanoTime() - asked >= TimeUnit.MILLISECONDS.toNanos(WatcherProbe.ANSWER_MILLIS) / 2,
                "the probe did not wait for an answer");
        assertEquals(List.of(), told);
    }

    private static Thread watcherThread() {
        Thread found = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("hotbundle-folder-watcher")).findFirst().orElse(null);
        assertNotNull(found, "no watcher thread");
        return found;
    }
}
