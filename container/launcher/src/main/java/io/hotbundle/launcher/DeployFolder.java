package io.hotbundle.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The watched folder, checked before anything starts: a file, or a folder this user cannot read, is a wrong
 * option like any other (one line, exit status 2), not a container that starts and cannot watch.
 */
final class DeployFolder {

    private DeployFolder() {
    }

    /**
     * Creates the folder when it is missing, and checks that it can be watched.
     *
     * @throws IllegalArgumentException with a one-line message naming the folder when it cannot
     */
    static void prepare(Path deploy) {
        if (Files.isDirectory(deploy)) {
            if (!Files.isReadable(deploy) || !Files.isExecutable(deploy)) {
                throw new IllegalArgumentException("deploy folder " + deploy + " cannot be read by this user"
                        + " (choose another with --deploy)");
            }
            return;
        }
        if (Files.exists(deploy)) {
            throw new IllegalArgumentException("deploy folder " + deploy + " is a file, not a folder"
                    + " (choose another with --deploy)");
        }
        try {
            Files.createDirectories(deploy);
        } catch (IOException e) {
            throw new IllegalArgumentException("deploy folder " + deploy + " cannot be created: " + e.getMessage()
                    + " (choose another with --deploy)");
        }
    }
}
