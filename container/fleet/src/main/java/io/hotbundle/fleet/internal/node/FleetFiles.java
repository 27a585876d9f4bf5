package io.hotbundle.fleet.internal.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The fleet's files in the node's work folder, owner-only (folders 0700, files 0600) whatever the umask, as every
 * file of the work folder; and written whole: a file is complete under its name or not there.
 */
final class FleetFiles {

    private FleetFiles() {
    }

    static Path folder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            if (folder.getParent() != null) {
                folder(folder.getParent());
            }
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return folder;
    }

    /** A new owner-only temporary file beside {@code target}. */
    static Path temporary(Path target) throws IOException {
        folder(target.getParent());
        return Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }

    /** Replaces {@code target} by {@code written} at once. */
    static void replace(Path written, Path target) throws IOException {
        Files.move(written, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static void write(Path target, byte[] content) throws IOException {
        Path part = temporary(target);
        try {
            Files.write(part, content);
            replace(part, target);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** A copy of {@code source} at {@code target}, replacing it at once. */
    static void copy(Path source, Path target) throws IOException {
        Path part = temporary(target);
        try {
            Files.copy(source, part, StandardCopyOption.REPLACE_EXISTING);
            replace(part, target);
        } finally {
            Files.deleteIfExists(part);
        }
    }
}
