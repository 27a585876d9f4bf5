package io.hotbundle.console.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Job;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser.ParseContext;
import org.jline.reader.impl.DefaultParser;

import io.hotbundle.console.internal.socket.ConsoleProtocol;

/**
 * One connection to the {@link RemoteConsole}: a Gogo session of its own that runs each command line it reads,
 * and answers completion requests with what the terminal console would offer, following
 * {@link ConsoleProtocol}.
 *
 * <p>This thread reads the connection; another runs its lines in order. So the connection is read while a
 * command runs, and a client that goes away (Ctrl-C on {@code exec} or {@code shell}) ends the command it left
 * running: {@code log:tail}, which follows until stopped, would otherwise go on with its threads until it next
 * had a line to write.
 */
final class RemoteSession implements Runnable {

    /** What the runner takes when the connection has ended. */
    private static final String HUNG_UP = new String("hung up");

    private final SocketChannel client;
    private final CommandProcessor processor;
    private final Completer completer;
    private final Runnable onEnd;
    /** Lines read ahead of the one running: a client that sends faster than commands run waits for room. */
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>(256);
    private volatile boolean hungUp;

    RemoteSession(SocketChannel client, CommandProcessor processor, Completer completer, Runnable onEnd) {
        this.client = client;
        this.processor = processor;
        this.completer = completer;
        this.onEnd = onEnd;
    }

    @Override
    public void run() {
        var output = new LineEndTracker(ChannelStreams.output(client));
        CommandSession session = processor.createSession(InputStream.nullInputStream(), output, output);
        Thread runner = new Thread(() -> runLines(session, output), "hotbundle-remote-command");
        runner.setDaemon(true);
        runner.start();
        try (var in = new BufferedReader(new InputStreamReader(ChannelStreams.input(client), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                lines.put(line);
            }
        } catch (IOException | InterruptedException e) {
            // The client went away, or the container is stopping; nothing to report.
        } finally {
            hungUp = true;
            lines.offer(HUNG_UP);
            Job running = session.foregroundJob();
            if (running != null) {
                running.interrupt();
            }
            runner.interrupt();
        }
    }

    /** Runs the lines read, in order, until the connection ends; then closes the session and the connection. */
    private void runLines(CommandSession session, LineEndTracker output) {
        var out = new PrintWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), true);
        try (client) {
            for (String line = lines.take(); line != HUNG_UP && !hungUp; line = lines.take()) {
                boolean ok;
                if (line.startsWith(ConsoleProtocol.COMPLETE)) {
                    ok = complete(line.substring(ConsoleProtocol.COMPLETE.length()), out);
                } else if (line.indexOf(ConsoleProtocol.REQUEST) == 0) {
                    out.println("error: unknown request");
                    ok = false;
                } else {
                    ok = line.isBlank() || LineRunner.run(session, line.trim(), out);
                }
                if (!output.atLineStart()) {
                    out.println();
                }
                out.print(ConsoleProtocol.END + (ok ? 0 : 1) + "\n");
                out.flush();
            }
        } catch (InterruptedException | IOException e) {
            // The client went away while a line ran, or the connection could not be closed: nothing to report.
        } finally {
            session.close();
            onEnd.run();
        }
    }

    /** The words that may follow the line typed so far, one a line; JLine on the client picks among them. */
    private boolean complete(String typed, PrintWriter out) {
        List<Candidate> candidates = new ArrayList<>();
        try {
            ParsedLine parsed = new DefaultParser().parse(typed, typed.length(), ParseContext.COMPLETE);
            completer.complete(null, parsed, candidates);
        } catch (RuntimeException e) {
            return false;
        }
        candidates.stream().map(Candidate::value)
                .filter(value -> !value.isEmpty() && value.chars().noneMatch(Character::isISOControl))
                .distinct().sorted().forEach(out::println);
        return true;
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
