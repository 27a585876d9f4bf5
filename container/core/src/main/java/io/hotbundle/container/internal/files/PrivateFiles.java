package io.hotbundle.container.internal.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and folders of the work folder, created readable by their owner only (folders 0700, files 0600) whatever
 * the process's umask: saved state and kept builds may hold anything a plugin keeps.
 */
public final class PrivateFiles {

    private static final FileAttribute<Set<PosixFilePermission>> FOLDER =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    private static final FileAttribute<Set<PosixFilePermission>> FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private PrivateFiles() {
    }

    /** Creates the folder (and missing parents) owner-only; returns it. An existing folder is left as it is. */
    public static Path folder(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return folder;
        }
        Path parent = folder.getParent();
        if (parent != null) {
            folder(parent);
        }
        try {
            Files.createDirectory(folder, FOLDER);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(folder)) {
                throw e;
            }
        }
        return folder;
    }

    /** Creates a new, empty owner-only file; fails if it exists. */
    public static Path createFile(Path file) throws IOException {
        return Files.createFile(file, FILE);
    }
}
