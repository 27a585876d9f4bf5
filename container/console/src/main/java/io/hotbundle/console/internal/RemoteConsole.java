package io.hotbundle.console.internal;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import java.io.Closeable;
import java.io.IOException;
import java.lang.System.Logger;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import io.hotbundle.console.internal.socket.ConsoleSocket;
import io.hotbundle.console.internal.socket.NotOwnerOnlyException;
import io.hotbundle.console.internal.socket.OwnerOnly;

/**
 * Gogo for another terminal of the same user: {@code ./hotbundle exec "hot:list"} and {@code ./hotbundle shell}
 * connect here.
 *
 * <p>No network port: a Unix domain socket where {@link ConsoleSocket} says (a short per-user folder, so that no
 * depth of the work folder can make the path too long), in a folder that must be this user's alone, the socket
 * itself readable and writable by that user only, and every connection's peer checked to run as the same user.
 * A console that cannot open is one warning; the container runs on without it. Each connection is a
 * {@link RemoteSession} with a Gogo session of its own.
 */
@Component(immediate = true)
public final class RemoteConsole {

    private static final Logger LOG = System.getLogger("hotbundle");
    private static final long ACCEPT_RETRY_MILLIS = 1000;

    private final CommandProcessor processor;
    private final CommandCompleter completer;
    private final Set<SocketChannel> clients = ConcurrentHashMap.newKeySet();
    private volatile ServerSocketChannel server;
    private Path socket;
    private UserPrincipal user;

    @Activate
    public RemoteConsole(BundleContext context, @Reference CommandProcessor processor) {
        this.processor = processor;
        this.completer = new CommandCompleter(context);
        Path path = null;
        try {
            path = socketPath(context);
            if (path == null) {
                LOG.log(INFO, "no work folder configured: the console is not reachable from other terminals");
                return;
            }
            listen(path);
        } catch (IOException | RuntimeException e) {
            LOG.log(WARNING, "the console is not reachable from other terminals: {0}", oneLine(e, path));
        }
    }

    private static Path socketPath(BundleContext context) throws IOException {
        String configured = context.getProperty(ConsoleSocket.PROPERTY);
        if (configured != null) {
            return Path.of(configured);
        }
        String work = context.getProperty("hotbundle.work");
        return work == null ? null : ConsoleSocket.of(Path.of(work));
    }

    private void listen(Path path) throws IOException {
        OwnerOnly.folder(path.getParent());
        // A socket left by a container that was killed would make bind fail; the work folder's lock says that
        // container is gone, and nobody else can write in this folder.
        Files.deleteIfExists(path);
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(path));
            Files.setPosixFilePermissions(path, OwnerOnly.FILE);
            user = OwnerOnly.owner(path);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
        socket = path;
        server = channel;
        Thread acceptor = new Thread(this::accept, "hotbundle-remote-console");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept() {
        while (server.isOpen()) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.log(WARNING, "remote console: {0}", e.toString());
                    pause();
                }
                continue;
            }
            try {
                OwnerOnly.checkPeer(client, user, socket);
            } catch (IOException e) {
                LOG.log(WARNING, "remote console: refused a connection: {0}", e.getMessage());
                closeQuietly(client);
                continue;
            }
            clients.add(client);
            Thread session = new Thread(new RemoteSession(client, processor, completer, () -> clients.remove(client)),
                    "hotbundle-remote-session");
            session.setDaemon(true);
            session.start();
        }
    }

    /** Stopping never throws: whatever cannot be closed is left to the process's end. */
    @Deactivate
    void deactivate() {
        ServerSocketChannel listening = server;
        if (listening == null) {
            return;
        }
        closeQuietly(listening);
        clients.forEach(RemoteConsole::closeQuietly);
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // The next container on this work folder replaces it.
        }
    }

    private static String oneLine(Exception e, Path path) {
        if (e instanceof NotOwnerOnlyException) {
            return e.getMessage();
        }
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return path == null ? reason : path + ": " + reason;
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // Closing is all that was left to do with it.
        }
    }

    /** After a failed accept (out of file descriptors, say), so that a lasting failure is not a busy loop. */
    private static void pause() {
        try {
            Thread.sleep(ACCEPT_RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
