package io.hotbundle.container.internal.deploy;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import java.io.IOException;
import java.lang.System.Logger;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Whether the deploy folder is there, and whether it is still the folder being watched.
 *
 * <p>An operator may delete the folder, move it away, put a file in its place, or delete and create it again
 * (a checkout, a restore from a backup). A watch on a folder follows that folder, not its name: after any of
 * these it watches nothing, or the folder moved away. So the folder's identity (its inode) is remembered, and a
 * change of it is a change of folder. Each change is one line: the folder gone (or a file now), back, or
 * replaced by another folder; whatever happens while it stays gone is not repeated.
 */
final class FolderPresence {

    /** What a look at the folder found. */
    enum Change {
        /** Nothing changed. */
        NONE,
        /** The folder watched so far is gone (deleted, moved away, or a file in its place). */
        LOST,
        /** A folder is there again, or another folder replaced the one watched: watch it. */
        FOUND
    }

    private static final Logger LOG = System.getLogger("hotbundle");

    private final Path folder;
    /** The inode of the folder being watched; null while there is none. */
    private Object watched;
    private boolean toldGone;

    FolderPresence(Path folder) {
        this.folder = folder;
    }

    /**
     * At start: takes the folder as the one watched and returns true, or returns false, having said why when
     * something else is in its place (a missing folder the container tried to create, and said so if it could
     * not).
     */
    boolean start() {
        watched = identity();
        if (watched == null) {
            toldGone = true;
            if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
                LOG.log(WARNING, "the deploy folder {0} is not a folder: nothing is deployed until a folder is there",
                        folder);
            }
        }
        return watched != null;
    }

    /** Looks at the folder again; a folder found is taken as the one watched from now on. */
    Change check() {
        Object now = identity();
        if (now != null && now.equals(watched)) {
            return Change.NONE;
        }
        if (now == null) {
            if (watched == null) {
                return Change.NONE;
            }
            watched = null;
            sayGone();
            return Change.LOST;
        }
        if (watched != null) {
            LOG.log(INFO, "the deploy folder {0} was replaced by another folder: watching the new one", folder);
        } else if (toldGone) {
            LOG.log(INFO, "the deploy folder {0} is back: watching it again", folder);
        }
        watched = now;
        toldGone = false;
        return Change.FOUND;
    }

    /** Whether there is a folder to watch, as of the last look. */
    boolean present() {
        return watched != null;
    }

    private void sayGone() {
        if (toldGone) {
            return;
        }
        toldGone = true;
        if (Files.exists(folder)) {
            LOG.log(WARNING, "the deploy folder {0} is not a folder now: its plugins are removed, and it is watched "
                    + "again once a folder is there", folder);
        } else {
            LOG.log(WARNING, "the deploy folder {0} is gone: its plugins are removed, and it is watched again once it "
                    + "is back", folder);
        }
    }

    /** The folder's inode when it is a folder (links followed: the folder may be a link to one), else null. */
    private Object identity() {
        try {
            var attributes = Files.readAttributes(folder, BasicFileAttributes.class);
            return attributes.isDirectory() ? Objects.requireNonNullElse(attributes.fileKey(), folder) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
