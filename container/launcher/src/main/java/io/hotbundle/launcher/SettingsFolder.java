package io.hotbundle.launcher;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

import io.hotbundle.console.internal.socket.OwnerOnly;

/**
 * The operator's settings folder ({@code --etc}), checked before anything starts: its settings decide trust mode,
 * so a folder or a {@code .cfg} file that another user owns or may write would let that user switch it off. Such a
 * folder is a refusal in one line, not a warning the container goes on after.
 */
final class SettingsFolder {

    private SettingsFolder() {
    }

    /**
     * Accepts a folder that does not exist (the defaults apply) or one that is this user's alone.
     *
     * @throws IllegalArgumentException with a one-line message naming the folder or file
     */
    static void check(Path etc) {
        if (!Files.exists(etc, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(etc, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("--etc " + etc + " is not a folder");
        }
        try {
            checkOwnerOnly(etc);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(etc, "*.cfg")) {
                for (Path file : files) {
                    checkOwnerOnly(file);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("settings folder " + etc + " cannot be read: " + e.getMessage());
        }
    }

    /** This user's, and writable by nobody else: whoever may write the settings could switch trust mode off. */
    private static void checkOwnerOnly(Path path) throws IOException {
        Map<String, Object> attributes = Files.readAttributes(path, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
        int uid = (Integer) attributes.get("uid");
        int mode = (Integer) attributes.get("mode");
        String problem = uid != OwnerOnly.currentUid() ? "is owned by uid " + uid + ", not this user"
                : (mode & 0022) != 0 ? "is writable by group or others (mode " + Integer.toOctalString(mode & 0777) + ")"
                : null;
        if (problem != null) {
            throw new IllegalArgumentException("settings " + path + " " + problem + ": refused, whoever may write "
                    + "them could switch trust mode off (chown it to this user, chmod go-w)");
        }
    }
}
