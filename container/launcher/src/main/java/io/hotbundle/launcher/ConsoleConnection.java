package io.hotbundle.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.hotbundle.console.internal.socket.ConsoleProtocol;
import io.hotbundle.console.internal.socket.ConsoleSocket;
import io.hotbundle.console.internal.socket.NotOwnerOnlyException;
import io.hotbundle.console.internal.socket.OwnerOnly;

/**
 * A connection to the console of the container running on a work folder, trusted only once it is known to be
 * this user's: the work folder, the socket's folder and the socket must be this user's alone, and the process
 * that accepted the connection must run as this user (the kernel's peer credentials). Anything else is refused,
 * so that another local user cannot answer in the container's place.
 */
final class ConsoleConnection implements AutoCloseable {

    private final SocketChannel channel;
    private final BufferedReader in;
    private final PrintStream out;

    private ConsoleConnection(SocketChannel channel) {
        this.channel = channel;
        this.in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
        this.out = new PrintStream(Channels.newOutputStream(channel), true, StandardCharsets.UTF_8);
    }

    /**
     * Connects to the container running on the options' work folder.
     *
     * @throws IllegalStateException with a one-line message when none runs there, or when what answers there is
     *                               not this user's
     */
    static ConsoleConnection open(LaunchOptions options) throws IOException {
        Path work = options.work();
        if (!Files.isDirectory(work)) {
            throw new IllegalStateException("no container is running on " + options.deploy() + " (no work folder "
                    + work + ")");
        }
        WorkFolder.checkOwnerOnly(work);
        try {
            Path socket = find(ConsoleSocket.places(work), options);
            OwnerOnly.checkSocket(socket);
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                channel.close();
                throw new IllegalStateException("no container answers on " + socket + " (" + e.getMessage() + ")");
            }
            try {
                OwnerOnly.checkPeer(channel, OwnerOnly.owner(socket), socket);
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            return new ConsoleConnection(channel);
        } catch (NotOwnerOnlyException e) {
            throw new IllegalStateException("refused the console: " + e.getMessage());
        }
    }

    /** The first place that holds a socket, each place's folder checked before anything in it is believed. */
    private static Path find(List<Path> places, LaunchOptions options) throws IOException {
        for (Path place : places) {
            if (Files.exists(place.getParent(), LinkOption.NOFOLLOW_LINKS)) {
                OwnerOnly.checkFolder(place.getParent());
                if (Files.exists(place, LinkOption.NOFOLLOW_LINKS)) {
                    return place;
                }
            }
        }
        throw new IllegalStateException("no container is running on " + options.deploy() + " (no console at "
                + places.get(0) + ")");
    }

    /** Sends one command line and copies its output; returns its status. */
    int run(String command, PrintStream target) throws IOException {
        return exchange(command.replace('\n', ' '), target::println);
    }

    /**
     * What may follow the line typed so far, as the container's console would complete it; nothing when the
     * container is older than completion over the socket.
     */
    List<String> complete(String typed) throws IOException {
        List<String> candidates = new ArrayList<>();
        int status = exchange(ConsoleProtocol.COMPLETE + typed.replace('\n', ' '), candidates::add);
        return status == 0 ? candidates : List.of();
    }

    private int exchange(String line, java.util.function.Consumer<String> answer) throws IOException {
        out.print(line + "\n");
        out.flush();
        for (String received; (received = in.readLine()) != null; ) {
            if (received.startsWith(ConsoleProtocol.END)) {
                return Integer.parseInt(received.substring(ConsoleProtocol.END.length()).trim());
            }
            answer.accept(received);
        }
        throw new IllegalStateException("the container closed the console before the command finished");
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
