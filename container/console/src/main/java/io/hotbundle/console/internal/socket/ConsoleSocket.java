package io.hotbundle.console.internal.socket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Where a container's console socket lives. Not in the work folder: a Unix socket's path is limited to about 107
 * bytes, which a checkout at a normal developer path already passes. Instead, a short per-user folder:
 * {@code $XDG_RUNTIME_DIR/hotbundle/} when that variable names a folder private to this user (the place the
 * desktop standard made for sockets: a tmpfs of the user's own, never aged), else {@code /tmp/hotbundle-<uid>/}.
 * The socket is named by a digest of the work folder's real path, so one container per work folder has one
 * socket, and the container and {@code hotbundle exec} find the same one from the same work folder.
 *
 * <p>The launcher computes it and hands it to the console bundle as the framework property {@value #PROPERTY}.
 */
public final class ConsoleSocket {

    /** The framework property that tells the console bundle where to listen. */
    public static final String PROPERTY = "hotbundle.console.socket";

    private static final String RUNTIME_DIR = "XDG_RUNTIME_DIR";
    private static final int NAME_BYTES = 8;

    private ConsoleSocket() {
    }

    /** Where the container on this work folder listens (the folder must exist: its real path names the socket). */
    public static Path of(Path work) throws IOException {
        return places(work).get(0);
    }

    /**
     * Where a client looks, in order: where a container started with this environment listens, then the other
     * place, for a container started where {@code XDG_RUNTIME_DIR} was set and the client's is not, or the
     * reverse.
     */
    public static List<Path> places(Path work) throws IOException {
        String name = name(work.toRealPath());
        int uid = OwnerOnly.currentUid();
        List<Path> places = new ArrayList<>();
        String runtime = System.getenv(RUNTIME_DIR);
        if (runtime != null && Path.of(runtime).isAbsolute() && OwnerOnly.isOwnerOnlyFolder(Path.of(runtime))) {
            places.add(Path.of(runtime, "hotbundle", name));
        }
        places.add(Path.of("/tmp", "hotbundle-" + uid, name));
        return places;
    }

    private static String name(Path realWork) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(realWork.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, NAME_BYTES) + ".sock";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
