package io.hotbundle.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import io.hotbundle.console.internal.socket.ConsoleSocket;
import io.hotbundle.console.internal.socket.NotOwnerOnlyException;
import io.hotbundle.console.internal.socket.OwnerOnly;

/**
 * The folder that holds a running container's files, private to its user and locked for as long as it runs.
 *
 * <p>Two containers on one folder would corrupt each other's bundle cache; the lock makes the second one stop
 * at start with a clear message instead. The folder holds plugins' saved state and kept jars, so it is created
 * owner-only whatever the umask, and one that another user owns or may write is refused: whoever can write in it
 * could replace what the container reads back.
 */
final class WorkFolder implements AutoCloseable {

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private WorkFolder(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Creates the folder if needed (owner-only), checks that it is this user's alone, and locks it.
     *
     * @throws IllegalStateException with a one-line message when another container holds the folder, when it is
     *                               not this user's alone, or when it cannot be created or written
     */
    static WorkFolder lock(Path root) throws IOException {
        FileChannel channel;
        try {
            if (Files.exists(root)) {
                checkOwnerOnly(root);
            } else {
                Files.createDirectories(root, PosixFilePermissions.asFileAttribute(OwnerOnly.FOLDER));
            }
            // Readable by others when an older version or another tool made it: nobody but this user can write
            // in it, so closing it is safe, and it keeps every file inside private whatever their own modes.
            Files.setPosixFilePermissions(root, OwnerOnly.FOLDER);
            channel = FileChannel.open(root.resolve(".lock"), Set.of(StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(OwnerOnly.FILE));
        } catch (NotOwnerOnlyException e) {
            throw refusal(e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot use work folder " + root + ": " + reason(e, root) + " (choose another with"
                    + " --work)");
        }
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("another hotbundle is running with work folder " + root);
        }
        return new WorkFolder(root, channel, lock);
    }

    /**
     * Checks that an existing work folder is this user's and that nobody else may write in it.
     *
     * @throws IllegalStateException with a one-line message naming the folder when it is not
     */
    static void checkOwnerOnly(Path root) throws IOException {
        try {
            OwnerOnly.checkWritableByOwnerOnly(root);
        } catch (NotOwnerOnlyException e) {
            throw refusal(e);
        }
    }

    private static IllegalStateException refusal(NotOwnerOnlyException e) {
        return new IllegalStateException("work folder " + e.getMessage() + ": refused, it must be this user's alone"
                + " (choose another with --work)");
    }

    /** The operating system's reason when there is one ("Read-only file system"), else what went wrong. */
    private static String reason(IOException e, Path root) {
        if (!(e instanceof FileSystemException failure)) {
            return String.valueOf(e.getMessage());
        }
        String where = root.toString().equals(failure.getFile()) ? "" : failure.getFile() + ": ";
        if (failure.getReason() != null) {
            return where + failure.getReason();
        }
        return where + (e instanceof NoSuchFileException ? "cannot be created there"
                : e instanceof AccessDeniedException ? "permission denied"
                : e instanceof FileAlreadyExistsException ? "a file is in the way"
                : e.getClass().getSimpleName());
    }

    Path root() {
        return root;
    }

    Path frameworkStorage() {
        return root.resolve("felix-cache");
    }

    /** Where the console listens for this work folder (see {@link ConsoleSocket}). */
    Path consoleSocket() throws IOException {
        return ConsoleSocket.of(root);
    }

    /** An empty folder for FileInstall's default watcher, which the container does not use. */
    Path idleWatcherFolder() throws IOException {
        return Files.createDirectories(root.resolve("fileinstall-idle"),
                PosixFilePermissions.asFileAttribute(OwnerOnly.FOLDER));
    }

    @Override
    public void close() throws IOException {
        lock.release();
        lockChannel.close();
    }
}
