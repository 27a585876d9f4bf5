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

/**
 * The folder that holds a running container's files, locked for as long as it runs.
 *
 * <p>Two containers on one folder would corrupt each other's bundle cache; the lock makes the second one stop
 * at start with a clear message instead.
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
     * Creates the folder if needed and locks it.
     *
     * @throws IllegalStateException with a one-line message when another container holds the folder, or when
     *                               the folder cannot be created or written
     */
    static WorkFolder lock(Path root) throws IOException {
        FileChannel channel;
        try {
            Files.createDirectories(root);
            channel = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
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

    /** An empty folder for FileInstall's default watcher, which the container does not use. */
    Path idleWatcherFolder() throws IOException {
        return Files.createDirectories(root.resolve("fileinstall-idle"));
    }

    @Override
    public void close() throws IOException {
        lock.release();
        lockChannel.close();
    }
}
