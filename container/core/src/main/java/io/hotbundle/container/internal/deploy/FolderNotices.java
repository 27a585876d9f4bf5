package io.hotbundle.container.internal.deploy;

import static java.lang.System.Logger.Level.DEBUG;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Tells the deployer about each change of a jar in the deploy folder once, whichever way it was noticed.
 *
 * <p>Two ways notice files: the folder's events (at once) and FileInstall's poll (the safety net, a poll
 * later). Each remembers the {@link FileStamp} of what the deployer was last told about a file, and a notice
 * whose file still has that stamp is not passed on. The deployer would find the same digest and do nothing,
 * but it would read and hash the whole file to find out.
 *
 * <p>An event for a regular file that does not end like a complete zip ({@link ZipEnd}) is a copy in progress:
 * it is not passed on, and the caller checks the file again once it has been quiet, when it is passed on
 * whatever it looks like (a file that never completes is then refused by the deployer, in one line). So is an
 * event for a file that is gone: passed on once it stays gone, so that a file deleted and written again at once
 * is one change, a swap, and not a removal followed by a new plugin. A file
 * the poll reports has been quiet for a whole poll and is passed on at once.
 *
 * <p>Thread-safe: the watcher's thread, FileInstall's and the activating thread call it. A file is read (to see
 * whether it looks complete) outside the lock: a pipe put in a jar's place between the look at its type and the
 * read makes the read wait for a writer, and it must hold up only the thread that reads, never FileInstall's.
 */
final class FolderNotices {

    /** How a file was noticed; it decides how much a matching stamp is trusted, and is logged. */
    enum Via {
        /** An event: the file may still be written, and a young stamp may hide a write in its clock tick. */
        EVENTS,
        /**
         * Looking at the whole folder after events were lost, or after it came back: a file is complete when it
         * looks complete, and unchanged when its stamp is (rescans follow one another in a flood of events).
         */
        RESCAN,
        /** FileInstall's poll, or a re-check: the file has been quiet. */
        QUIET
    }

    private record Told(FileStamp stamp, boolean settled) {
    }

    private static final Logger LOG = System.getLogger("hotbundle");

    private final Consumer<Path> deployer;
    private final Predicate<Path> looksComplete;
    private final Map<Path, Told> told = new HashMap<>();
    private int toldCount;

    /** @param deployer queues a file that appeared, changed or disappeared; returns at once */
    FolderNotices(Consumer<Path> deployer) {
        this(deployer, ZipEnd::present);
    }

    /** @param looksComplete whether a regular file looks completely written; it may read the file */
    FolderNotices(Consumer<Path> deployer, Predicate<Path> looksComplete) {
        this.deployer = deployer;
        this.looksComplete = looksComplete;
    }

    /** Records the stamps of the files the deployer takes at start, which it is told about by other means. */
    synchronized void initial(List<Path> files) {
        for (Path file : files) {
            FileStamp.of(file).ifPresent(stamp -> remember(file, stamp));
        }
    }

    /**
     * A file that events say appeared, changed or disappeared.
     *
     * @return false when the file is still being written: check it again with {@link #quiet} once no event has
     *         come for it for a while
     */
    boolean changed(Path file, Via via) {
        synchronized (this) {
            Told before = told.get(file);
            Optional<FileStamp> now = FileStamp.of(file);
            if (now.isPresent() && toldAsItIs(before, now.get(), via)) {
                return true; // what the deployer has: no need to read the file
            }
        }
        boolean complete = isCompleteRegularFile(file);
        synchronized (this) {
            return notice(file, via, true, complete);
        }
    }

    /** A file that has been quiet: the deployer is told unless it was told about it as it is now. */
    synchronized void quiet(Path file) {
        notice(file, Via.QUIET, false, true);
    }

    /** What a look at the whole folder found: how many files the deployer was told about, which are in progress. */
    record Rescan(int told, List<Path> inProgress) {
    }

    /**
     * Looks at every jar in the folder and every jar the deployer was told about: what events missed (an
     * overflow, a folder deleted or replaced) is told now, and what did not change is not told again.
     */
    Rescan rescan(Path folder) {
        TreeSet<Path> files;
        synchronized (this) {
            files = new TreeSet<>(told.keySet());
        }
        if (Files.isDirectory(folder)) {
            try (Stream<Path> listing = Files.list(folder)) {
                listing.filter(DeployFiles::isJarName).forEach(files::add);
            } catch (IOException | UncheckedIOException e) {
                // Gone while listed: what was told about is looked at all the same, and found gone.
            }
        }
        var complete = new HashMap<Path, Boolean>();
        files.forEach(file -> complete.put(file, isCompleteRegularFile(file)));
        synchronized (this) {
            int toldBefore = toldCount;
            var inProgress = new ArrayList<Path>();
            for (Path file : files) {
                if (!notice(file, Via.RESCAN, true, complete.get(file))) {
                    inProgress.add(file);
                }
            }
            return new Rescan(toldCount - toldBefore, inProgress);
        }
    }

    private boolean isCompleteRegularFile(Path file) {
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && looksComplete.test(file);
    }

    /**
     * @param untilComplete whether a regular file must look complete to be told
     * @param complete      whether it did, read before the lock was taken
     */
    private boolean notice(Path file, Via via, boolean untilComplete, boolean complete) {
        Optional<FileStamp> now = FileStamp.of(file);
        Told before = told.get(file);
        if (now.isEmpty()) {
            if (before != null && via == Via.EVENTS) {
                // Gone, or being replaced: tools that overwrite by deleting first (Ant's <move overwrite>, a copy
                // without a rename) make it reappear a moment later, which is a change of the plugin, not its end.
                return false;
            }
            if (before != null) {
                told.remove(file);
                tell(file, via);
            }
            return true;
        }
        FileStamp stamp = now.get();
        if (toldAsItIs(before, stamp, via)) {
            LOG.log(DEBUG, "{0}: unchanged since the deployer was told, not told again ({1})", file.getFileName(),
                    via);
            return true;
        }
        if (untilComplete && stamp.regularFile() && !complete) {
            return false;
        }
        remember(file, stamp);
        tell(file, via);
        return true;
    }

    /** Whether the deployer was told about the file as it is: a young stamp trusted only when not by events. */
    private static boolean toldAsItIs(Told before, FileStamp stamp, Via via) {
        return before != null && before.stamp.equals(stamp) && (before.settled || via != Via.EVENTS);
    }

    private void remember(Path file, FileStamp stamp) {
        told.put(file, new Told(stamp, stamp.settled(System.currentTimeMillis())));
    }

    private void tell(Path file, Via via) {
        toldCount++;
        LOG.log(DEBUG, "{0}: told the deployer ({1})", file.getFileName(), via);
        deployer.accept(file);
    }
}
