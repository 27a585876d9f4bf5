package io.hotbundle.console.internal;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.System.Logger;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo for another terminal of the same user: {@code ./hotbundle exec "hot:list"} and {@code ./hotbundle shell}
 * connect here.
 *
 * <p>No network port: a Unix domain socket in {@code <work>/console/}, a folder only the container's user may
 * enter, and the socket itself readable and writable by that user only. Each connection gets a Gogo session of
 * its own. The protocol is lines: the client sends a command line; the container answers with the command's
 * output, then a line {@code NUL "exit " status} (0 when it succeeded, 1 when it failed).
 */
@Component(immediate = true)
public final class RemoteConsole {

    /** The socket, relative to the work folder; the launcher's client finds it there. */
    public static final String SOCKET = "console/console.sock";

    /** What starts the line that ends a command's output. */
    public static final String END = "\u0000exit ";

    private static final Logger LOG = System.getLogger("hotbundle");

    private final CommandProcessor processor;
    private final Set<SocketChannel> clients = ConcurrentHashMap.newKeySet();
    private ServerSocketChannel server;
    private Path socket;

    @Activate
    public RemoteConsole(BundleContext context, @Reference CommandProcessor processor) {
        this.processor = processor;
        String work = context.getProperty("hotbundle.work");
        if (work == null) {
            LOG.log(INFO, "no work folder configured: the console is not reachable from other terminals");
            return;
        }
        try {
            listen(Path.of(work).resolve(SOCKET));
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(WARNING, "the console is not reachable from other terminals: {0}", e.toString());
        }
    }

    private void listen(Path path) throws IOException {
        Path folder = Files.createDirectories(path.getParent());
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        // A socket left by a container that was killed would make bind fail; the work folder lock says that
        // container is gone.
        Files.deleteIfExists(path);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        socket = path;
        Thread acceptor = new Thread(this::accept, "hotbundle-remote-console");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                clients.add(client);
                Thread session = new Thread(() -> serve(client), "hotbundle-remote-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.log(WARNING, "remote console: {0}", e.toString());
                }
            }
        }
    }

    private void serve(SocketChannel client) {
        var output = new LineEndTracker(Channels.newOutputStream(client));
        var out = new PrintWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), true);
        CommandSession session = processor.createSession(InputStream.nullInputStream(), output, output);
        try (client; var in = new BufferedReader(
                new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                boolean ok = line.isBlank() || LineRunner.run(session, line.trim(), out);
                if (!output.atLineStart()) {
                    out.println();
                }
                out.print(END + (ok ? 0 : 1) + "\n");
                out.flush();
            }
        } catch (IOException e) {
            // The client went away; nothing to report.
        } finally {
            session.close();
            clients.remove(client);
        }
    }

    @Deactivate
    void deactivate() throws IOException {
        if (server == null) {
            return;
        }
        server.close();
        for (SocketChannel client : clients) {
            client.close();
        }
        Files.deleteIfExists(socket);
    }

    /** Remembers whether the last byte written ended a line, so that the end marker always starts one. */
    private static final class LineEndTracker extends OutputStream {

        private final OutputStream target;
        private volatile int last = '\n';

        LineEndTracker(OutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            target.write(b);
            last = b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            target.write(bytes, offset, length);
            if (length > 0) {
                last = bytes[offset + length - 1];
            }
        }

        @Override
        public void flush() throws IOException {
            target.flush();
        }

        boolean atLineStart() {
            return last == '\n';
        }
    }
}
