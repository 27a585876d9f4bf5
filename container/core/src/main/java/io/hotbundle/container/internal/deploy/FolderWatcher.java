package io.hotbundle.container.internal.deploy;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.lang.System.Logger;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;

import io.hotbundle.container.internal.deploy.FolderNotices.Via;

/**
 * Notices a jar in the deploy folder when Linux says it arrived (inotify, through the JDK's {@link WatchService}):
 * a renamed jar reaches the deployer about a millisecond after the rename, whatever FileInstall's poll.
 *
 * <p>One thread waits for events and sleeps while the folder is quiet: it looks at the folder itself
 * ({@link FolderPresence}, one stat) after each event, and proves itself alive by answering the health check's
 * {@link WatcherProbe}, heard through the same watch service. Where events cannot stand in for a look
 * ({@link FolderWatches#eventsSuffice}: a link in the folder's path, a watch that cannot be taken) it looks once
 * per poll interval; otherwise once every {@value #BACKSTOP_POLLS} poll intervals, for what no event reports (an
 * ancestor moved away and the folder created again, a file system mounted over it). What events cannot say is
 * found here too:
 * <ul>
 * <li>a jar written in place is passed on when it looks complete ({@link ZipEnd}), and otherwise once no write
 * has come for a while ({@link FilesInProgress}: Java reports writes, not the close after the last one);</li>
 * <li>events lost to an overflow (too many changes at once) are made up for by looking at the whole folder;</li>
 * <li>the folder deleted, moved away, replaced by a file or by another folder: seen at once through the parent's
 * events, and the folder is watched again when it is back.</li>
 * </ul>
 * FileInstall's poll stays as the safety net for whatever this misses (a file system without events).
 */
final class FolderWatcher {

    /** With events standing in for looks, a look still comes once every this many poll intervals. */
    static final int BACKSTOP_POLLS = 10;

    /** What the folder's owner does when the folder goes or comes. Called on the watcher's thread. */
    interface Listener {
        void lost();

        void found();
    }

    private static final Logger LOG = System.getLogger("hotbundle");

    private final Path folder;
    private final FolderNotices notices;
    private final FolderPresence presence;
    private final Listener listener;
    private final WatcherProbe probe;
    private final WatchService events;
    private final FolderWatches watches;
    private final Thread thread;
    private final FilesInProgress inProgress = new FilesInProgress();
    private volatile long pollMillis;

    /**
     * Starts watching. The folder is registered before this returns, so whatever changes after it is noticed,
     * even before the thread runs. Without events (no inotify instance left for this user, say) this says so
     * in one line and does nothing: FileInstall's poll finds the changes.
     */
    FolderWatcher(Path folder, FolderNotices notices, FolderPresence presence, Listener listener,
            WatcherProbe probe, long pollMillis) {
        this.folder = folder;
        this.notices = notices;
        this.presence = presence;
        this.listener = listener;
        this.probe = probe;
        this.pollMillis = pollMillis;
        this.events = newWatchService();
        this.watches = new FolderWatches(folder, probe, events);
        if (events != null) {
            watches.watchFolder(pollMillis);
            watches.renew();
        }
        this.thread = new Thread(this::run, "hotbundle-folder-watcher");
        thread.setDaemon(true);
    }

    void start() {
        if (events != null) {
            thread.start();
        }
    }

    /** Whether events are watched at all: without them FileInstall's poll alone finds changes. */
    boolean watching() {
        return events != null;
    }

    /** How often the folder itself is looked at where events cannot stand in; applies from the next look. */
    void pollMillis(long millis) {
        this.pollMillis = millis;
    }

    /** The watcher's thread, for tests that look at how it waits. */
    Thread thread() {
        return thread;
    }

    /** Stops the thread, waiting for it a bounded time. */
    void close() throws InterruptedException {
        if (events == null) {
            return;
        }
        try {
            events.close();
        } catch (IOException e) {
            LOG.log(DEBUG, "closing the folder's watch service: {0}", e);
        }
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }

    private void run() {
        String lastProblem = null;
        boolean first = true;
        while (true) {
            try {
                WatchKey key = first ? null : nextKey();
                first = false;
                for (; key != null; key = events.poll()) {
                    handle(key);
                }
                inProgress.passOnQuiet(notices::quiet);
                lookAtFolder();
                probe.looked();
            } catch (ClosedWatchServiceException | InterruptedException e) {
                return; // closed: the container stops watching
            } catch (RuntimeException e) {
                // Whatever went wrong with one event, the next ones are watched; FileInstall's poll finds this one.
                if (!e.toString().equals(lastProblem)) {
                    lastProblem = e.toString();
                    LOG.log(WARNING, "the deploy folder''s watcher: {0}; FileInstall''s poll will find what it "
                            + "missed", e);
                }
            }
        }
    }

    /** A key not reset is never signalled again: it is reset whatever its events did. */
    private void handle(WatchKey key) {
        try {
            boolean overflow = false;
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.kind() == OVERFLOW) {
                    overflow = true;
                } else if (watches.isFolder(key)) {
                    fileEvent(folder.resolve((Path) event.context()));
                }
                // The parent's events only matter for the folder itself, which lookAtFolder() does after each
                // wake; the probe's only ask for that look.
            }
            if (overflow && watches.isFolder(key)) {
                rescan("events were lost (too many changes at once)");
            }
        } finally {
            key.reset();
        }
    }

    private void fileEvent(Path file) {
        if (!DeployFiles.isJarName(file)) {
            return;
        }
        if (notices.changed(file, Via.EVENTS)) {
            inProgress.done(file);
        } else {
            inProgress.written(file);
        }
    }

    /** The next events, waiting at most until the next re-check of a file in progress or the next look. */
    private WatchKey nextKey() throws InterruptedException {
        long poll = pollMillis;
        // Saturated: a poll.ms near Long.MAX_VALUE times the backstop would overflow into a negative wait, a spin.
        long look = watches.eventsSuffice(presence.present()) ? saturatedTimes(poll, BACKSTOP_POLLS) : poll;
        return events.poll(inProgress.millisToNext(look), TimeUnit.MILLISECONDS);
    }

    private static long saturatedTimes(long value, int factor) {
        return value > Long.MAX_VALUE / factor ? Long.MAX_VALUE : value * factor;
    }

    /** The folder gone, back, or replaced; a watch lost. Cheap when nothing changed: a few stats. */
    private void lookAtFolder() {
        FolderPresence.Change change = presence.check();
        if (change == FolderPresence.Change.NONE && presence.present() && !watches.folderWatched()) {
            // The same folder, whose watch was lost or could not be taken: take it, and catch up on what it missed.
            if (watches.watchFolder(pollMillis)) {
                rescan(null);
            }
        }
        switch (change) {
            case LOST -> {
                watches.cancelFolder();
                rescan(null);
                listener.lost();
            }
            case FOUND -> {
                watches.watchNewFolder(pollMillis);
                rescan(null);
                listener.found();
            }
            default -> {
            }
        }
        watches.renew();
    }

    /** Tells the deployer what changed in the folder, as events would have. */
    private void rescan(String why) {
        FolderNotices.Rescan found = notices.rescan(folder);
        found.inProgress().forEach(inProgress::written);
        if (why != null) {
            // Worth a line when events had missed something; an overflow that lost nothing is a detail.
            LOG.log(found.told() > 0 ? INFO : DEBUG, "{0} in {1}: looked at the whole folder, {2} changed jar(s) "
                    + "found", why, folder, String.valueOf(found.told()));
        }
    }

    private WatchService newWatchService() {
        try {
            return FileSystems.getDefault().newWatchService();
        } catch (IOException e) {
            LOG.log(WARNING, "cannot watch {0} for events ({1}): FileInstall''s poll finds its changes, every {2} ms",
                    folder, e, String.valueOf(pollMillis));
            return null;
        }
    }
}
