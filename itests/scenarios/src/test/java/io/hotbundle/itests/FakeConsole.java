package io.hotbundle.itests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.URISyntaxException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The other local user of the console tests: a server that answers every line the way a container would (with
 * the attacker's text and status 0), and a client that sends one line and prints what comes back. Run in the
 * test's JVM, or as a process of another user through {@link #command}.
 */
public final class FakeConsole implements AutoCloseable {

    /** The attacker's answer to every command. */
    public static final String ANSWER = "ATTACKER'S ANSWER";

    private final ServerSocketChannel server;

    private FakeConsole(ServerSocketChannel server) {
        this.server = server;
        Thread acceptor = new Thread(this::serve, "fake-console");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Listens at {@code socket} (open to everyone, as an attacker would leave it) until closed. */
    public static FakeConsole listen(Path socket) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rwxrwxrwx"));
        return new FakeConsole(server);
    }

    /** The command line that runs this class's {@code main} in another JVM, behind a prefix (another user). */
    public static List<String> command(List<String> prefix, String... args) throws URISyntaxException {
        String classes = Path.of(FakeConsole.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        var command = new java.util.ArrayList<>(prefix);
        command.addAll(List.of("java", "-cp", classes, FakeConsole.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** {@code serve SOCKET}: listens and prints "listening"; {@code connect SOCKET LINE}: prints the answer. */
    public static void main(String[] args) throws Exception {
        Path socket = Path.of(args[1]);
        if (args[0].equals("serve")) {
            listen(socket);
            System.out.println("listening");
            Thread.sleep(Long.MAX_VALUE);
        } else {
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                channel.connect(UnixDomainSocketAddress.of(socket));
                Channels.newOutputStream(channel).write((args[2] + "\n").getBytes(StandardCharsets.UTF_8));
                var in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
                for (String line; (line = in.readLine()) != null; ) {
                    System.out.println("received: " + line.replace('\u0000', '0'));
                    if (line.startsWith("\u0000exit ")) {
                        break;
                    }
                }
            } catch (IOException e) {
                System.out.println("failed: " + e);
            }
            System.out.println("closed");
        }
    }

    private void serve() {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                var in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
                var out = new PrintStream(Channels.newOutputStream(client), true, StandardCharsets.UTF_8);
                while (in.readLine() != null) {
                    out.print(ANSWER + "\n\u0000exit 0\n");
                }
            } catch (IOException e) {
                // The client went away, or the server was closed.
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
