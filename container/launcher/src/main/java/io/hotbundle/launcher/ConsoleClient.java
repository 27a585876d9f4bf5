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
import java.nio.file.Path;

/**
 * The other end of the container's remote console: {@code hotbundle exec} and {@code hotbundle shell}. It finds
 * the container by its work folder (derived from the deploy folder, as the container does) and speaks the
 * console's line protocol: a command line out; output lines back, ended by a line {@code NUL "exit " status}.
 */
final class ConsoleClient {

    /** Where the console bundle listens, relative to the work folder (see its RemoteConsole). */
    private static final String SOCKET = "console/console.sock";
    private static final String END = "\u0000exit ";
    private static final int EXIT_FAILURE = 1;

    private ConsoleClient() {
    }

    /** Runs one command; its output goes to stdout, and its status becomes the exit status. */
    static int exec(LaunchOptions options) {
        try (Connection connection = Connection.open(options)) {
            return connection.run(options.command(), System.out);
        } catch (IOException | IllegalStateException e) {
            System.err.println("hotbundle: " + e.getMessage());
            return EXIT_FAILURE;
        }
    }

    /** Reads command lines from stdin and runs each, until end of input or {@code exit}. */
    static int shell(LaunchOptions options) {
        try (Connection connection = Connection.open(options);
             var stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            System.out.println("connected to the container on " + options.deploy() + " (exit or Ctrl-D to leave)");
            while (true) {
                System.out.print("hot> ");
                System.out.flush();
                String line = stdin.readLine();
                if (line == null || line.trim().equals("exit")) {
                    return 0;
                }
                connection.run(line, System.out);
            }
        } catch (IOException | IllegalStateException e) {
            System.err.println("hotbundle: " + e.getMessage());
            return EXIT_FAILURE;
        }
    }

    private static final class Connection implements AutoCloseable {

        private final SocketChannel channel;
        private final BufferedReader in;
        private final PrintStream out;

        private Connection(SocketChannel channel) {
            this.channel = channel;
            this.in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
            this.out = new PrintStream(Channels.newOutputStream(channel), true, StandardCharsets.UTF_8);
        }

        static Connection open(LaunchOptions options) throws IOException {
            Path socket = options.work().resolve(SOCKET);
            if (!Files.exists(socket)) {
                throw new IllegalStateException("no container is running on " + options.deploy() + " (no console at "
                        + socket + ")");
            }
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                channel.close();
                throw new IllegalStateException("no container answers on " + socket + " (" + e.getMessage() + ")");
            }
            return new Connection(channel);
        }

        /** Sends one command line and copies its output; returns its status. */
        int run(String command, PrintStream target) throws IOException {
            out.print(command.replace('\n', ' ') + "\n");
            out.flush();
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith(END)) {
                    target.flush();
                    return Integer.parseInt(line.substring(END.length()).trim());
                }
                target.println(line);
            }
            throw new IllegalStateException("the container closed the console before the command finished");
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
