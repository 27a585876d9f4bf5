package io.hotbundle.container.internal.deploy;

import static java.lang.System.Logger.Level.WARNING;
import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.IOException;
import java.lang.System.Logger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;

/**
 * The watches the deploy folder's watcher holds on its watch service: the folder's own (what changes in it), its
 * parent's (the folder deleted, moved away or created again: a watch follows a folder, not its name) and the
 * health check's probe folder. From them it tells whether events say everything a look at the folder would
 * find, so that the watcher may sleep until the next one.
 *
 * <p>Confined to the watcher's thread, after its constructor.
 */
final class FolderWatches {

    private static final Logger LOG = System.getLogger("hotbundle");

    private final Path folder;
    private final WatcherProbe probe;
    private final WatchService events;
    private WatchKey folderKey;
    private WatchKey parentKey;
    private WatchKey probeKey;
    /** A link somewhere in the folder's path: what it names can change without an event in the parent. */
    private boolean linked;
    private boolean toldUnwatched;

    FolderWatches(Path folder, WatcherProbe probe, WatchService events) {
        this.folder = folder;
        this.probe = probe;
        this.events = events;
    }

    boolean isFolder(WatchKey key) {
        return key == folderKey;
    }

    /** Whether the folder is watched now; a watch lost or never taken is taken again by {@link #watchFolder}. */
    boolean folderWatched() {
        return valid(folderKey);
    }

    /**
     * Watches the folder, replacing any earlier watch. A folder that cannot be watched (the user's inotify
     * watches used up, say) is said once, and tried again at every look; one gone again, or not a folder, the
     * next look says so. Returns whether it is watched.
     */
    boolean watchFolder(long pollMillis) {
        cancelFolder();
        try {
            folderKey = folder.register(events, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
            toldUnwatched = false;
        } catch (IOException e) {
            if (Files.isDirectory(folder) && !toldUnwatched) {
                toldUnwatched = true;
                LOG.log(WARNING, "cannot watch {0} for events ({1}): FileInstall''s poll finds its changes, every "
                        + "{2} ms", folder, e, String.valueOf(pollMillis));
            }
        }
        return folderKey != null;
    }

    /**
     * A folder found where the watched one was: its parent may be another folder too (the old parent moved away
     * with the old folder, and its watch followed it), so both watches are taken afresh.
     */
    boolean watchNewFolder(long pollMillis) {
        if (parentKey != null) {
            parentKey.cancel();
        }
        watchParent();
        return watchFolder(pollMillis);
    }

    void cancelFolder() {
        if (folderKey != null) {
            folderKey.cancel();
            folderKey = null;
        }
    }

    /** Takes again the parent's and the probe's watches where lost, and sees whether the path now has a link. */
    void renew() {
        if (!valid(parentKey)) {
            watchParent();
        }
        if (!valid(probeKey)) {
            watchProbe();
        }
        linked = linked(folder);
    }

    /**
     * Whether events tell everything a look at the folder would find: its parent's say when it goes or comes,
     * its own what changes in it, the probe's when the health check asks whether the watcher is alive. Not when
     * a link in the path can be pointed elsewhere, or a watch is missing.
     */
    boolean eventsSuffice(boolean folderPresent) {
        return !linked && valid(parentKey) && valid(probeKey) && (valid(folderKey) || !folderPresent);
    }

    /** The probe's folder is the container's own: created here, with its file, so that a probe is one event. */
    private void watchProbe() {
        try {
            Files.createDirectories(probe.folder());
            probe.create();
            probeKey = probe.folder().register(events, ENTRY_CREATE, ENTRY_MODIFY);
        } catch (IOException | RuntimeException e) {
            probeKey = null;
        }
        probe.heard(probeKey != null);
    }

    /** Without a parent (or one that cannot be watched) the watcher looks at the folder once per poll instead. */
    private void watchParent() {
        Path parent = folder.getParent();
        try {
            parentKey = parent == null ? null : parent.register(events, ENTRY_CREATE, ENTRY_DELETE);
        } catch (IOException | RuntimeException e) {
            parentKey = null;
        }
    }

    private static boolean valid(WatchKey key) {
        return key != null && key.isValid();
    }

    /** The folder, or one of its ancestors, is a link: one whose folder is gone included (a real path would fail). */
    private static boolean linked(Path folder) {
        for (Path path = folder; path != null; path = path.getParent()) {
            if (Files.isSymbolicLink(path)) {
                return true;
            }
        }
        return false;
    }
}
