package io.hotbundle.container.internal.state;

import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;

import java.io.IOException;
import java.lang.System.Logger;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One kind of per-plugin file in the work folder (saved state, last good versions), each written whole or not at
 * all: to a temporary name, then renamed over the old file, so a crash or a full disk leaves the previous file or
 * the new one, never half of one, and no temporary file either. A write that fails costs what the file is for,
 * never the caller's work: it is logged once per plugin and cause, and {@link #failure} says why until a write
 * succeeds again.
 *
 * <p>What it creates is its user's only, whatever the umask: folders 0700, files 0600. The folder is made private
 * before the temporary file appears in it, so nobody else can open the file in the moment before its own mode is
 * set (a content writer may create it with the umask's mode).
 */
public final class WholeFiles {

    /** What goes into the temporary file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path file) throws IOException;
    }

    private static final Logger LOG = System.getLogger("hotbundle");
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private final String what;
    private final String consequence;
    private final Map<String, String> failures = new ConcurrentHashMap<>();

    /**
     * @param what        what the files hold, for the log ("state")
     * @param consequence what a failed write costs, for the log ("it is kept in memory only")
     */
    public WholeFiles(String what, String consequence) {
        this.what = what;
        this.consequence = consequence;
    }

    /**
     * Writes the plugin's file.
     *
     * @return whether what {@link #failure} says of the plugin changed: a failure began, changed or ended
     */
    public boolean write(String plugin, Path target, Content content) {
        Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            ownerOnlyFolder(target.getParent());
            content.writeTo(temporary);
            ownerOnly(temporary, FILE);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException alsoFailed) {
                // The folder refuses even a delete: nothing was written there either.
            }
            String why = describe(e, temporary);
            if (why.equals(failures.put(plugin, why))) {
                return false;
            }
            LOG.log(ERROR, "{0} of {1} could not be written, {2}: {3}", what, plugin, consequence, why);
            return true;
        }
        if (failures.remove(plugin) == null) {
            return false;
        }
        LOG.log(INFO, "{0} of {1} is written again, to {2}", what, plugin, target);
        return true;
    }

    /**
     * Deletes the plugin's file; a failure is recorded as a failed write is, a success ends one.
     *
     * @return whether what {@link #failure} says of the plugin changed
     */
    public boolean delete(String plugin, Path target) {
        try {
            Files.deleteIfExists(target);
        } catch (IOException e) {
            String why = describe(e, target);
            if (why.equals(failures.put(plugin, why))) {
                return false;
            }
            LOG.log(ERROR, "{0} of {1} could not be deleted: {2}", what, plugin, why);
            return true;
        }
        return failures.remove(plugin) != null;
    }

    /**
     * Creates the folder and the missing ones above it, each 0700, and makes the folder itself 0700 if it was
     * there already (an older container may have made it with the umask's mode).
     */
    static void ownerOnlyFolder(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            ownerOnly(folder, FOLDER);
            return;
        }
        Path parent = folder.toAbsolutePath().getParent();
        if (parent != null && !Files.exists(parent, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            ownerOnlyFolder(parent);
        }
        try {
            Files.createDirectory(folder);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(folder)) {
                throw e;
            }
        }
        ownerOnly(folder, FOLDER);
    }

    private static void ownerOnly(Path path, Set<PosixFilePermission> mode) throws IOException {
        try {
            if (!Files.getPosixFilePermissions(path).equals(mode)) {
                Files.setPosixFilePermissions(path, mode);
            }
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: its own access rules apply.
        }
    }

    /** Why the plugin's file is not up to date, if it is not. */
    public Optional<String> failure(String plugin) {
        return Optional.ofNullable(failures.get(plugin));
    }

    /**
     * The file and the reason in a few words: the JDK's messages are a class name and a path for some failures
     * ({@code NotDirectoryException: /x}), the operating system's reason for others; a failed write names no file.
     */
    private static String describe(IOException e, Path writing) {
        if (!(e instanceof FileSystemException failure) || failure.getFile() == null) {
            return writing + ": " + e.getMessage();
        }
        String reason = failure.getReason();
        if (reason == null) {
            reason = e instanceof NotDirectoryException ? "not a directory"
                    : e instanceof FileAlreadyExistsException ? "already exists (and is not a folder)"
                    : e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof NoSuchFileException ? "no such file or folder"
                    : e.getClass().getSimpleName();
        }
        return failure.getFile() + ": " + reason;
    }
}
