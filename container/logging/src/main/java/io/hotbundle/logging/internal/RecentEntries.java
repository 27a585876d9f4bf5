package io.hotbundle.logging.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

import org.ops4j.pax.logging.spi.PaxAppender;
import org.ops4j.pax.logging.spi.PaxLoggingEvent;

/**
 * The last lines logged, for {@code log:display}, and the lines as they come, for {@code log:tail}. An appender
 * of the Logback configuration (Pax Logging's whiteboard of {@link PaxAppender} services), so it gets what the
 * file gets, the message formatted and the bundle named. Bounded: the oldest line goes past {@value #KEPT}.
 * Appending only queues: a slow reader never slows the code that logs. Registered when the bundle starts
 * ({@link JulRouting}), before Declarative Services activates anything, so it keeps the container's first lines.
 */
public final class RecentEntries implements PaxAppender {

    static final int KEPT = 2000;

    private final ArrayDeque<LogLine> lines = new ArrayDeque<>(KEPT);
    private final Set<Consumer<LogLine>> followers = new CopyOnWriteArraySet<>();

    @Override
    public void doAppend(PaxLoggingEvent event) {
        LogLine line = LogLine.of(event);
        synchronized (lines) {
            if (lines.size() == KEPT) {
                lines.removeFirst();
            }
            lines.addLast(line);
        }
        for (Consumer<LogLine> follower : followers) {
            follower.accept(line);
        }
    }

    /** The kept lines, oldest first. */
    List<LogLine> recent() {
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }

    /** Hands every line logged from now on to the follower, until {@link #unfollow}; it must not block. */
    void follow(Consumer<LogLine> follower) {
        followers.add(follower);
    }

    void unfollow(Consumer<LogLine> follower) {
        followers.remove(follower);
    }
}
