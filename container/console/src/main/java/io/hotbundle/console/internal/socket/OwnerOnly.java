package io.hotbundle.console.internal.socket;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import java.util.Set;

import com.sun.security.auth.module.UnixSystem;

import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The checks that keep the console between one user's processes: a folder or socket is trusted only when it is
 * this user's and nobody else's, and a connection only when the process at the other end runs as the same
 * user. Every check reads the file itself, never what a symbolic link points to, and fails with a one-line
 * {@link NotOwnerOnlyException}. Used by the console bundle and, embedded, by the launcher's client.
 */
public final class OwnerOnly {

    /** Owner-only modes, whatever the umask. */
    public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private static final int TYPE_MASK = 0170000;
    private static final int TYPE_FOLDER = 0040000;
    private static final int TYPE_SOCKET = 0140000;
    private static final int TYPE_LINK = 0120000;
    private static final int GROUP_OTHER = 0077;
    private static final int GROUP_OTHER_WRITE = 0022;

    private OwnerOnly() {
    }

    /** The user this process runs as. */
    public static int currentUid() {
        return (int) new UnixSystem().getUid();
    }

    /** Creates a folder with owner-only permissions, or checks that the one already there is this user's alone. */
    public static Path folder(Path folder) throws IOException {
        try {
            Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(FOLDER));
        } catch (FileAlreadyExistsException e) {
            // Checked below, like one created a moment ago.
        }
        checkFolder(folder);
        return folder;
    }

    /** Creates an empty file with owner-only permissions, unless there is one. */
    public static Path file(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
        } catch (FileAlreadyExistsException e) {
            // Kept as it is.
        }
        return file;
    }

    /** Checks that a folder is a folder (not a link to one), this user's, and closed to group and others. */
    public static void checkFolder(Path folder) throws IOException {
        int mode = checkOwned(folder, TYPE_FOLDER, "a folder");
        if ((mode & GROUP_OTHER) != 0) {
            throw new NotOwnerOnlyException(folder + " is open to group or others (mode " + octal(mode) + ")");
        }
    }

    /**
     * Checks that a folder the user chose (a work folder) is a folder of this user's that nobody else can write;
     * others may still read it until it is tightened.
     */
    public static void checkWritableByOwnerOnly(Path folder) throws IOException {
        Map<String, Object> attributes = Files.readAttributes(folder, "unix:uid,mode");
        int mode = (Integer) attributes.get("mode");
        if ((mode & TYPE_MASK) != TYPE_FOLDER) {
            throw new NotOwnerOnlyException(folder + " is not a folder");
        }
        checkUid(folder, (Integer) attributes.get("uid"));
        if ((mode & GROUP_OTHER_WRITE) != 0) {
            throw new NotOwnerOnlyException(folder + " is writable by group or others (mode " + octal(mode) + ")");
        }
    }

    /** Whether a folder is this user's alone; false when it is missing or anything else. */
    public static boolean isOwnerOnlyFolder(Path folder) {
        try {
            checkFolder(folder);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Checks that a socket file is a socket and belongs to this user. */
    public static void checkSocket(Path socket) throws IOException {
        checkOwned(socket, TYPE_SOCKET, "a socket");
    }

    /**
     * Checks that the process at the other end of a Unix domain connection runs as {@code user}, from the
     * credentials the kernel recorded for that connection (which the other process cannot forge). Where the
     * platform does not report them, the owner-only folder is the only guard, and the check passes.
     */
    public static void checkPeer(SocketChannel channel, UserPrincipal user, Path socket) throws IOException {
        UnixDomainPrincipal peer;
        try {
            peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
        } catch (UnsupportedOperationException e) {
            return;
        }
        if (!peer.user().equals(user)) {
            throw new NotOwnerOnlyException("the process at the other end of " + socket + " runs as "
                    + peer.user().getName() + ", not as " + user.getName());
        }
    }

    /** The owner of a file, as the principal that peer credentials are compared with. */
    public static UserPrincipal owner(Path file) throws IOException {
        return Files.getOwner(file, LinkOption.NOFOLLOW_LINKS);
    }

    private static int checkOwned(Path path, int type, String what) throws IOException {
        Map<String, Object> attributes;
        try {
            attributes = Files.readAttributes(path, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new NotOwnerOnlyException(path + " is missing");
        }
        int mode = (Integer) attributes.get("mode");
        if ((mode & TYPE_MASK) == TYPE_LINK) {
            throw new NotOwnerOnlyException(path + " is a symbolic link, not " + what);
        }
        if ((mode & TYPE_MASK) != type) {
            throw new NotOwnerOnlyException(path + " is not " + what);
        }
        checkUid(path, (Integer) attributes.get("uid"));
        return mode;
    }

    private static void checkUid(Path path, int uid) throws NotOwnerOnlyException {
        int self = currentUid();
        if (uid != self) {
            throw new NotOwnerOnlyException(path + " belongs to uid " + uid + ", not to this user (uid " + self + ")");
        }
    }

    private static String octal(int mode) {
        return String.format("%04o", mode & 07777);
    }
}
