package io.hotbundle.itests;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * What the container logs while a test runs, debug lines included: the container logs through
 * {@code System.Logger("hotbundle")}, which the JDK hands to {@code java.util.logging}, and the test runs in the
 * container's JVM. Close it to stop listening.
 */
public final class LogLines implements AutoCloseable {

    private final Logger logger = Logger.getLogger("hotbundle");
    private final Level levelBefore = logger.getLevel();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            lines.add(formatter.formatMessage(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    public LogLines() {
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
        logger.setLevel(Level.ALL);
    }

    /** The lines logged since this was opened, oldest first. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    public long count(Predicate<String> line) {
        return lines.stream().filter(line).count();
    }

    /** Where the lines logged from now on start: for {@link #await(String, int)}. */
    public int mark() {
        return lines.size();
    }

    /** Waits until a line containing {@code text} was logged, and returns it. */
    public String await(String text) {
        return await(text, 0);
    }

    /** Waits until a line containing {@code text} was logged after the {@link #mark}, and returns it. */
    public String await(String text, int mark) {
        return await(text, mark, Await.DEFAULT);
    }

    /** Waits at most {@code timeout} until a line containing {@code text} was logged after the {@link #mark}. */
    public String await(String text, int mark, Duration timeout) {
        try {
            Await.until("a log line containing '" + text + "'", timeout,
                    () -> lines.stream().skip(mark).anyMatch(l -> l.contains(text)));
            return lines.stream().skip(mark).filter(l -> l.contains(text)).findFirst().orElseThrow();
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; logged: " + lines, e);
        }
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(levelBefore);
    }
}
