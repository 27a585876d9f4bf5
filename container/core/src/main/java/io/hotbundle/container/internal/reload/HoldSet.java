package io.hotbundle.container.internal.reload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.hotbundle.api.ReloadEvent;
import io.hotbundle.api.ReloadHold;
import io.hotbundle.api.ReloadHolds;

/**
 * The holds on one swap. The swap waits in {@link #awaitReleased} until every hold is closed or the timeout
 * passes; after that the set is sealed and a hold taken late is handed out already closed, since the swap it
 * would delay is under way.
 */
public final class HoldSet implements ReloadHolds {

    private final ReloadEvent event;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private final Map<Hold, String> open = new LinkedHashMap<>();
    private boolean sealed;

    HoldSet(ReloadEvent event) {
        this.event = event;
    }

    /** The swap these holds are on. */
    public ReloadEvent event() {
        return event;
    }

    @Override
    public ReloadHold hold(String holder) {
        var hold = new Hold(holder);
        lock.lock();
        try {
            if (sealed) {
                hold.closed.set(true);
            } else {
                open.put(hold, holder);
            }
        } finally {
            lock.unlock();
        }
        return hold;
    }

    /**
     * Waits until every hold is closed, at most {@code timeout}, then seals the set.
     *
     * @return the holders whose holds were still open when the timeout passed; empty when all were released
     */
    public List<String> awaitReleased(Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (!open.isEmpty() && left > 0) {
                left = released.awaitNanos(left);
            }
            sealed = true;
            return new ArrayList<>(open.values());
        } finally {
            lock.unlock();
        }
    }

    /** Who holds now; empty once the swap went on. */
    public List<String> openHolders() {
        lock.lock();
        try {
            return sealed ? List.of() : new ArrayList<>(open.values());
        } finally {
            lock.unlock();
        }
    }

    private void release(Hold hold) {
        lock.lock();
        try {
            open.remove(hold);
            if (open.isEmpty()) {
                released.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private final class Hold implements ReloadHold {

        private final String holder;
        private final AtomicBoolean closed = new AtomicBoolean();

        Hold(String holder) {
            this.holder = holder;
        }

        @Override
        public ReloadEvent event() {
            return event;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                release(this);
            }
        }

        @Override
        public String toString() {
            return "hold by " + holder + " on " + event.symbolicName();
        }
    }

}
