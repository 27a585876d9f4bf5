package io.hotbundle.logging.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

/**
 * The last lines logged, for {@code log:display}, and the lines as they come, for {@code log:tail}: a
 * {@link LogListener} on the Log Service's reader, so it sees what the file sees, every bundle's lines with the
 * bundle that wrote them. Bounded: the oldest line goes when a new one comes past {@value #KEPT}.
 */
@Component(service = RecentEntries.class, immediate = true)
public final class RecentEntries implements LogListener {

    static final int KEPT = 2000;

    private final ArrayDeque<LogEntry> entries = new ArrayDeque<>(KEPT);
    private final Set<Consumer<LogEntry>> followers = new CopyOnWriteArraySet<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addReader(LogReaderService reader) {
        reader.addLogListener(this);
    }

    void removeReader(LogReaderService reader) {
        reader.removeLogListener(this);
    }

    @Override
    public void logged(LogEntry entry) {
        synchronized (entries) {
            if (entries.size() == KEPT) {
                entries.removeFirst();
            }
            entries.addLast(entry);
        }
        for (Consumer<LogEntry> follower : followers) {
            follower.accept(entry);
        }
    }

    /** The kept lines, oldest first. */
    List<LogEntry> recent() {
        synchronized (entries) {
            return new ArrayList<>(entries);
        }
    }

    /** Hands every line logged from now on to the follower, until {@link #unfollow}. */
    void follow(Consumer<LogEntry> follower) {
        followers.add(follower);
    }

    void unfollow(Consumer<LogEntry> follower) {
        followers.remove(follower);
    }
}
