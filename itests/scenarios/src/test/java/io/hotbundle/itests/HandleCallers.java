package io.hotbundle.itests;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.hotbundle.api.HotHandle;
import io.hotbundle.api.HotHandles;
import io.hotbundle.api.example.Greeter;

/**
 * Host threads that call every plugin of a set through hot handles, in turn, until stopped: what a host does while
 * a library under its plugins is swapped. Every call that throws, or returns null, is a failure. A plugin that
 * counts its calls in state ({@code count=N}, {@code calls=N}) must never answer a smaller count than it answered
 * the same thread before: a smaller one is state lost.
 */
public final class HandleCallers implements AutoCloseable {

    private static final Pattern COUNT = Pattern.compile("(?:count|calls)=(\\d+)");

    private final Map<String, HotHandle<Greeter>> handles = new HashMap<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final Map<String, String> lastAnswers = new ConcurrentHashMap<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final List<String> stateLost = new CopyOnWriteArrayList<>();

    /** Starts {@code threadCount} threads calling each plugin of {@code plugins} in turn. */
    public HandleCallers(HotHandles hotHandles, List<String> plugins, int threadCount) {
        for (String plugin : plugins) {
            handles.put(plugin, hotHandles.handle(Greeter.class, plugin));
            calls.put(plugin, new AtomicLong());
        }
        for (int i = 0; i < threadCount; i++) {
            Thread thread = new Thread(() -> callUntilStopped(plugins), "host-caller-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private void callUntilStopped(List<String> plugins) {
        Map<String, Long> lastCount = new HashMap<>();
        while (!stop.get()) {
            for (String plugin : plugins) {
                String answer;
                try {
                    answer = handles.get(plugin).call(g -> g.greet("world"));
                } catch (RuntimeException e) {
                    failures.add(plugin + ": " + e);
                    continue;
                }
                if (answer == null) {
                    failures.add(plugin + ": null");
                    continue;
                }
                calls.get(plugin).incrementAndGet();
                lastAnswers.put(plugin, answer);
                Matcher count = COUNT.matcher(answer);
                if (count.find()) {
                    long now = Long.parseLong(count.group(1));
                    Long before = lastCount.put(plugin, now);
                    if (before != null && now <= before) {
                        stateLost.add(plugin + ": count " + before + " then " + now + " (" + answer + ")");
                    }
                }
            }
        }
    }

    /** Waits until every plugin answered at least {@code n} more calls than now. */
    public void awaitCalls(long n) {
        Map<String, Long> now = new HashMap<>();
        calls.forEach((plugin, count) -> now.put(plugin, count.get()));
        Await.until(n + " more calls to each plugin", () -> now.entrySet().stream()
                .allMatch(e -> calls.get(e.getKey()).get() >= e.getValue() + n));
    }

    /** Calls answered, in all. */
    public long calls() {
        return calls.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public long calls(String plugin) {
        return calls.get(plugin).get();
    }

    public String lastAnswer(String plugin) {
        return lastAnswers.get(plugin);
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }

    public List<String> stateLost() {
        return List.copyOf(stateLost);
    }

    /** Stops the threads and waits for them. */
    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        for (Thread thread : threads) {
            thread.join(Await.DEFAULT.toMillis());
        }
    }
}
