package io.hotbundle.console.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
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
 */
final class RemoteSession implements Runnable {

    private final SocketChannel client;
    private final CommandProcessor processor;
    private final Completer completer;
    private final Runnable onEnd;

    RemoteSession(SocketChannel client, CommandProcessor processor, Completer completer, Runnable onEnd) {
        this.client = client;
        this.processor = processor;
        this.completer = completer;
        this.onEnd = onEnd;
    }

    @Override
    public void run() {
        var output = new LineEndTracker(Channels.newOutputStream(client));
        var out = new PrintWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), true);
        CommandSession session = processor.createSession(InputStream.nullInputStream(), output, output);
        try (client; var in = new BufferedReader(
                new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
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
        } catch (IOException e) {
            // The client went away; nothing to report.
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
