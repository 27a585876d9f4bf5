package io.hotbundle.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
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
     * @throws IllegalStateException with a one-line message when another container holds the folder
     * @throws IOException           when the folder cannot be created or written
     */
    static WorkFolder lock(Path root) throws IOException {
        Files.createDirectories(root);
        FileChannel channel = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("another hotbundle is running with work folder " + root);
        }
        return new WorkFolder(root, channel, lock);
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
