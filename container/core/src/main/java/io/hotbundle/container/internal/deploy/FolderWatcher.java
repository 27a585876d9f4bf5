package io.hotbundle.container.internal.deploy;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;
import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.lang.System.Logger;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
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
 * <p>One thread waits for events and sleeps without waking while the folder is quiet: it looks at the folder
 * itself ({@link FolderPresence}, one stat) after each event, and proves itself alive by answering the health
 * check's {@link WatcherProbe}, heard through the same watch service. Only where events cannot stand in for a
 * look (the folder's parent or the probe cannot be watched, the folder's own watch was lost) does it also look
 * once per poll interval. What events cannot say is found here too:
 * <ul>
 * <li>a jar written in place is passed on when it looks complete ({@link ZipEnd}), and otherwise once no write
 * has come for a while ({@link FilesInProgress}: Java reports writes, not the close after the last one);</li>
 * <li>events lost to an overflow (too many changes at once) are made up for by looking at the whole folder;</li>
 * <li>the folder deleted, moved away, replaced by a file or by another folder: the folder's parent is watched too,
 * so that is seen at once, and the folder is watched again when it is back.</li>
 * </ul>
 * FileInstall's poll stays as the safety net for whatever this misses (a file system without events).
 */
final class FolderWatcher {

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
    private final Thread thread;
    private final FilesInProgress inProgress = new FilesInProgress();
    private volatile long pollMillis;
    private WatchKey folderKey;
    private WatchKey parentKey;
    private WatchKey probeKey;
    private boolean toldUnwatched;

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
        if (events != null) {
            watchFolder();
            watchParent();
            watchProbe();
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

    /** How often the folder itself is looked at; applies from the next look. */
    void pollMillis(long millis) {
        this.pollMillis = millis;
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

    private void handle(WatchKey key) {
        boolean overflow = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == OVERFLOW) {
                overflow = true;
            } else if (key == folderKey) {
                fileEvent(folder.resolve((Path) event.context()));
            }
            // The parent's events only matter for the folder itself, which lookAtFolder() does after each wake;
            // the probe's only ask for that look.
        }
        if (overflow && key == folderKey) {
            rescan("events were lost (too many changes at once)");
        }
        key.reset();
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

    /**
     * The next events, waiting until the next re-check of a file in progress; without one, for as long as it
     * takes when events say all a look would, else one poll interval (a look that often costs one stat).
     */
    private WatchKey nextKey() throws InterruptedException {
        long wake = inProgress.millisToNext(eventsSuffice() ? Long.MAX_VALUE : pollMillis);
        return wake == Long.MAX_VALUE ? events.take() : events.poll(wake, TimeUnit.MILLISECONDS);
    }

    /**
     * Whether events tell everything a look at the folder would find: its parent's say when it goes or comes,
     * its own what changes in it, and the probe's when the health check asks whether this thread is alive.
     */
    private boolean eventsSuffice() {
        return valid(parentKey) && valid(probeKey) && (valid(folderKey) || !presence.present());
    }

    private static boolean valid(WatchKey key) {
        return key != null && key.isValid();
    }

    /** The folder gone, back, or replaced; a watch lost. Cheap when nothing changed: one stat. */
    private void lookAtFolder() {
        FolderPresence.Change change = presence.check();
        if (change == FolderPresence.Change.NONE && presence.present() && (folderKey == null || !folderKey.isValid())) {
            // The same folder, whose watch was lost or could not be taken: take it, and catch up on what it missed.
            cancelFolderKey();
            watchFolder();
            if (folderKey != null) {
                rescan(null);
            }
        }
        switch (change) {
            case LOST -> {
                cancelFolderKey();
                rescan(null);
                listener.lost();
            }
            case FOUND -> {
                cancelFolderKey();
                watchFolder();
                rescan(null);
                listener.found();
            }
            default -> {
            }
        }
        if (!valid(parentKey)) {
            watchParent();
        }
        if (!valid(probeKey)) {
            watchProbe();
        }
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

    private void watchFolder() {
        try {
            folderKey = folder.register(events, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
            toldUnwatched = false;
        } catch (IOException e) {
            folderKey = null;
            // Gone again, or not a folder: the next look at it says so. A folder that cannot be watched (the
            // user's inotify watches used up, say) is said once, and tried again at every look.
            if (Files.isDirectory(folder) && !toldUnwatched) {
                toldUnwatched = true;
                LOG.log(WARNING, "cannot watch {0} for events ({1}): FileInstall''s poll finds its changes, every "
                        + "{2} ms", folder, e, String.valueOf(pollMillis));
            }
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

    private void cancelFolderKey() {
        if (folderKey != null) {
            folderKey.cancel();
            folderKey = null;
        }
    }

    /** The probe's folder is the container's own: created here, and watched so that probes wake this thread. */
    private void watchProbe() {
        try {
            Files.createDirectories(probe.folder());
            probeKey = probe.folder().register(events, ENTRY_CREATE, ENTRY_MODIFY);
        } catch (IOException | RuntimeException e) {
            probeKey = null;
        }
        probe.heard(probeKey != null);
    }

    /**
     * The parent's events tell at once when the folder is deleted, moved, or created again. Without a parent
     * (or one that cannot be watched) the look at the folder once per poll interval finds the same, later.
     */
    private void watchParent() {
        Path parent = folder.getParent();
        try {
            parentKey = parent == null ? null : parent.register(events, ENTRY_CREATE, ENTRY_DELETE);
        } catch (IOException | RuntimeException e) {
            parentKey = null;
        }
    }
}
