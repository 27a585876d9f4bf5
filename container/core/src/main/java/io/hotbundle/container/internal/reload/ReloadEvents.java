package io.hotbundle.container.internal.reload;

import static java.lang.System.Logger.Level.WARNING;

import java.lang.System.Logger;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToLongFunction;

import io.hotbundle.api.ReloadEvent;
import io.hotbundle.api.ReloadHold;
import io.hotbundle.api.ReloadListener;

/**
 * Who hears about swaps, and what they heard: the whiteboard listeners, host threads waiting for the next
 * about-to-reload or reload, each plugin's generation and bounded history.
 *
 * <p>Holds for waiting host threads are taken <em>before</em> those threads wake, so a swap can never slip
 * past a thread that asked to hold it.
 */
public final class ReloadEvents {

    private static final Logger LOG = System.getLogger("hotbundle");

    private final int historySize;
    private final ToLongFunction<String> generations;
    private final Map<ReloadListener, ListenerQueue> listeners = new IdentityHashMap<>();
    private final List<Waiter<ReloadHold>> holdWaiters = new CopyOnWriteArrayList<>();
    private final List<Waiter<ReloadEvent>> reloadWaiters = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<ReloadEvent>> history = new ConcurrentHashMap<>();
    private final Map<String, HoldSet> lastHolds = new ConcurrentHashMap<>();

    /**
     * @param historySize  how many final events to keep per plugin
     * @param generations  each plugin's generation now, from where the deployer keeps it (0 when not deployed)
     */
    public ReloadEvents(int historySize, ToLongFunction<String> generations) {
        this.historySize = historySize;
        this.generations = generations;
    }

    public synchronized void addListener(ReloadListener listener) {
        listeners.put(listener, new ListenerQueue(listener));
    }

    public synchronized void removeListener(ReloadListener listener) {
        ListenerQueue queue = listeners.remove(listener);
        if (queue != null) {
            queue.close();
        }
    }

    private synchronized List<ListenerQueue> queues() {
        return new ArrayList<>(listeners.values());
    }

    public long generation(String symbolicName) {
        return generations.applyAsLong(symbolicName);
    }

    /**
     * Announces a swap of a set of bundles, one event per member: hands holds to waiting host threads, then
     * calls every listener's {@code aboutToReload} for every member, and waits for all of them, at most the
     * listener timeout in all.
     *
     * @return the holds the swap must wait for, one set per member, in the order of {@code events}
     */
    public List<HoldSet> aboutToReload(List<? extends ReloadEvent> events, Duration listenerTimeout)
            throws InterruptedException {
        var sets = new ArrayList<HoldSet>();
        for (ReloadEvent event : events) {
            var holds = new HoldSet(event);
            sets.add(holds);
            lastHolds.put(event.symbolicName(), holds);
            for (Waiter<ReloadHold> waiter : holdWaiters) {
                if (waiter.symbolicName.equals(event.symbolicName())) {
                    holdWaiters.remove(waiter);
                    ReloadHold hold = holds.hold("a thread in awaitAboutToReload");
                    if (!waiter.future.complete(hold)) {
                        hold.close();
                    }
                }
            }
        }
        long deadline = System.nanoTime() + listenerTimeout.toNanos();
        var calls = new ArrayList<Map.Entry<ListenerQueue, Future<?>>>();
        for (ListenerQueue queue : queues()) {
            for (int i = 0; i < events.size(); i++) {
                ReloadEvent event = events.get(i);
                HoldSet holds = sets.get(i);
                calls.add(Map.entry(queue, queue.deliver("aboutToReload", l -> l.aboutToReload(event, holds))));
            }
        }
        for (var call : calls) {
            try {
                call.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                LOG.log(WARNING, "swap went on: reload listener {0} did not return from aboutToReload within {1} ms",
                        call.getKey().describe(), listenerTimeout.toMillis());
            } catch (ExecutionException e) {
                // ListenerQueue reports what the listener threw.
            }
        }
        return sets;
    }

    /** Adds the final event of a swap to the plugin's history: first, before anything shows the outcome. */
    public void record(ReloadEvent event) {
        Deque<ReloadEvent> events = history.computeIfAbsent(event.symbolicName(), k -> new ArrayDeque<>());
        synchronized (events) {
            events.addLast(event);
            while (events.size() > historySize) {
                events.removeFirst();
            }
        }
    }

    /** Tells waiting threads and listeners about the final event of a swap; does not wait for listeners. */
    public void announce(ReloadEvent event) {
        for (Waiter<ReloadEvent> waiter : reloadWaiters) {
            if (waiter.symbolicName.equals(event.symbolicName())) {
                reloadWaiters.remove(waiter);
                waiter.future.complete(event);
            }
        }
        boolean reloaded = event.outcome() == ReloadEvent.Outcome.RELOADED;
        for (ListenerQueue queue : queues()) {
            if (reloaded) {
                queue.deliver("reloaded", l -> l.reloaded(event));
            } else {
                queue.deliver("reloadFailed", l -> l.reloadFailed(event));
            }
        }
    }

    /** Who holds the plugin's swap in progress. */
    public List<String> holdsPending(String symbolicName) {
        HoldSet holds = lastHolds.get(symbolicName);
        return holds == null ? List.of() : holds.openHolders();
    }

    public List<ReloadEvent> history(String symbolicName) {
        Deque<ReloadEvent> events = history.get(symbolicName);
        if (events == null) {
            return List.of();
        }
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    public Optional<ReloadHold> awaitAboutToReload(String symbolicName, Duration timeout) throws InterruptedException {
        return await(holdWaiters, symbolicName, timeout);
    }

    public Optional<ReloadEvent> awaitReload(String symbolicName, Duration timeout) throws InterruptedException {
        return await(reloadWaiters, symbolicName, timeout);
    }

    public CompletableFuture<ReloadEvent> nextReload(String symbolicName) {
        var waiter = new Waiter<ReloadEvent>(symbolicName);
        reloadWaiters.add(waiter);
        return waiter.future;
    }

    private static <T> Optional<T> await(List<Waiter<T>> waiters, String symbolicName, Duration timeout)
            throws InterruptedException {
        var waiter = new Waiter<T>(symbolicName);
        waiters.add(waiter);
        try {
            return Optional.of(waiter.future.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            waiters.remove(waiter);
            // Completed between the timeout and now: what was handed over is the caller's after all.
            return waiter.future.cancel(false) ? Optional.empty() : Optional.of(waiter.future.join());
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            waiters.remove(waiter);
        }
    }

    private static final class Waiter<T> {
        final String symbolicName;
        final CompletableFuture<T> future = new CompletableFuture<>();

        Waiter(String symbolicName) {
            this.symbolicName = symbolicName;
        }
    }
}
