package io.hotbundle.launcher;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * The process's standard output and error, which the terminal console takes over line by line while it owns the
 * terminal.
 *
 * <p>Plugins print while a person types at the console's prompt; written straight to the terminal, their lines
 * would land inside the line being typed. The launcher installs these streams before the framework starts (Gogo
 * keeps the streams it finds then as the output of every thread that is not running a command) and registers
 * this object as a service; the console hands it a line consumer (JLine's {@code printAbove}, which prints above
 * the prompt and redraws it) and takes it back with {@code null}. Without a consumer, bytes go straight through.
 *
 * <p>Lines reach the consumer from one thread of their own, in the order they were written: a writer never waits
 * for the console, which would otherwise deadlock a plugin's log record (written under the log handler's lock)
 * against the console's reader logging under its own lock.
 */
final class TerminalOutput implements Consumer<Consumer<String>> {

    private static final int QUEUED_LINES = 10_000;
    private static final int LONGEST_LINE = 64 * 1024;

    private final Charset charset;
    private final BlockingQueue<Line> queue = new ArrayBlockingQueue<>(QUEUED_LINES);
    private final LineStream out;
    private final LineStream err;
    private volatile Consumer<String> consumer;
    private Thread delivery;

    private TerminalOutput(PrintStream out, PrintStream err, Charset charset) {
        this.charset = charset;
        this.out = new LineStream(out);
        this.err = new LineStream(err);
    }

    /** Puts these streams in place of {@code System.out} and {@code System.err}. */
    static TerminalOutput install() {
        Charset charset = stdoutCharset();
        var output = new TerminalOutput(System.out, System.err, charset);
        System.setOut(new PrintStream(output.out, true, charset));
        System.setErr(new PrintStream(output.err, true, charset));
        return output;
    }

    /** Java 17 encodes {@code System.out} this way (18 and later say so through {@code PrintStream.charset()}). */
    private static Charset stdoutCharset() {
        String name = System.getProperty("sun.stdout.encoding");
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }

    /** A consumer for every complete line from now on, or {@code null} to write straight through again. */
    @Override
    public synchronized void accept(Consumer<String> lines) {
        consumer = lines;
        if (lines != null && delivery == null) {
            delivery = new Thread(this::deliver, "hotbundle-terminal-output");
            delivery.setDaemon(true);
            delivery.start();
        }
        if (lines == null) {
            drain();
            out.release();
            err.release();
        }
    }

    private void deliver() {
        while (true) {
            Line line;
            try {
                line = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            Consumer<String> lines = consumer;
            try {
                if (lines != null) {
                    lines.accept(line.text);
                    continue;
                }
            } catch (RuntimeException e) {
                // The console's terminal is gone: the line goes where it would have gone without it.
            }
            line.target.println(line.text);
        }
    }

    /** Writes the lines still queued straight through, in order, before anyone writes past them. */
    private void drain() {
        for (Line line; (line = queue.poll()) != null; ) {
            line.target.println(line.text);
        }
    }

    private record Line(String text, PrintStream target) {
    }

    /** One of the two streams: bytes through while nobody takes lines, else complete lines onto the queue. */
    private final class LineStream extends OutputStream {

        private final PrintStream target;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        LineStream(PrintStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            if (consumer == null && queue.isEmpty() && pending.size() == 0) {
                target.write(bytes, offset, length);
                return;
            }
            int start = offset;
            for (int i = offset; i < offset + length; i++) {
                if (bytes[i] == '\n') {
                    pending.write(bytes, start, i - start);
                    enqueue();
                    start = i + 1;
                }
            }
            pending.write(bytes, start, offset + length - start);
            if (pending.size() > LONGEST_LINE) {
                enqueue();
            }
        }

        private void enqueue() {
            String text = pending.toString(charset);
            pending.reset();
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            if (!queue.offer(new Line(text, target))) {
                // The terminal does not keep up: print it now rather than lose it or make the writer wait.
                target.println(text);
            }
        }

        /** Writes what is left of an unfinished line, when nobody takes lines any more. */
        synchronized void release() {
            if (pending.size() > 0) {
                target.write(pending.toByteArray(), 0, pending.size());
                pending.reset();
            }
        }

        @Override
        public void flush() {
            target.flush();
        }
    }
}
