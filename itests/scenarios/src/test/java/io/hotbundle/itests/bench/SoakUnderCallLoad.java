package io.hotbundle.itests.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;

import io.hotbundle.api.HotHandle;
import io.hotbundle.api.HotHandles;
import io.hotbundle.api.PluginControl;
import io.hotbundle.api.ReloadEvent;
import io.hotbundle.api.ReloadEvent.Outcome;
import io.hotbundle.api.example.Greeter;
import io.hotbundle.itests.Await;
import io.hotbundle.itests.ContainerTestSupport;
import io.hotbundle.itests.TestJars;

/**
 * The soak: two plugins swapped in turn for ten minutes (by default) while two host threads call them through
 * hot handles without pause. One plugin answers with its version, so a stale or missing answer shows; the other
 * counts its calls in state it hands from version to version, so a lost handoff shows as a count that goes back.
 * Reports swaps, calls, failed calls (0 expected) and memory after a full collection at the start and the end.
 *
 * <p>Not a {@code *Benchmark} nor an {@code *IT}: neither {@code mvn verify} nor {@code itests/run-benchmarks}
 * runs it. {@code itests/run-soak} does ({@code -Dhotbundle.soak.minutes=N} for another length).
 */
public class SoakUnderCallLoad extends ContainerTestSupport {

    private static final String COUNTER = "io.hotbundle.fixture.counter";
    private static final Duration LENGTH = Duration.ofMinutes(Long.getLong("hotbundle.soak.minutes", 10));
    private static final Duration PROGRESS_EVERY = Duration.ofMinutes(1);

    @Test
    public void swapsUnderCallLoadFailNoCallAndLoseNoState() throws Exception {
        TestJars.drop(fixture(), deploy, "greeter.jar");
        TestJars.drop(counter(1), deploy, "counter.jar");
        awaitServing(FIXTURE, 1);
        awaitServing(COUNTER, 1);
        HotHandles handles = context.getService(context.getServiceReference(HotHandles.class));
        HotHandle<Greeter> greeter = handles.handle(Greeter.class, FIXTURE);
        HotHandle<Greeter> counter = handles.handle(Greeter.class, COUNTER);

        var stop = new AtomicBoolean();
        var calls = new AtomicLong();
        var servingPatch = new AtomicLong();
        List<String> failures = new CopyOnWriteArrayList<>();
        var callers = CompletableFuture.allOf(
                loop(stop, () -> {
                    long atLeast = servingPatch.get(); // before the call: a call that began earlier may be older
                    VersionedAnswers.check(greeter.call(g -> g.greet("world")), atLeast, failures);
                }, calls, failures),
                loop(stop, new CountCheck(failures, counter), calls, failures));

        long patch = 0;
        for (; patch < 20; patch++) {
            swapBoth(patch + 1, servingPatch);
        }
        Memory start = Memory.now();
        long started = System.nanoTime();
        long nextProgress = started + PROGRESS_EVERY.toNanos();
        long swapsAtStart = swaps();
        while (System.nanoTime() - started < LENGTH.toNanos()) {
            swapBoth(++patch, servingPatch);
            if (System.nanoTime() > nextProgress) {
                nextProgress += PROGRESS_EVERY.toNanos();
                System.out.printf("[soak] %d s: %d swaps, %d calls, %d failed%n",
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), swaps() - swapsAtStart,
                        calls.get(), failures.size());
            }
        }
        stop.set(true);
        callers.get(1, TimeUnit.MINUTES);
        long swaps = swaps() - swapsAtStart;
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        PluginControl control = context.getService(context.getServiceReference(PluginControl.class));
        int leaking = control.leaks().size();
        Memory end = Memory.now();

        Results.figures("soak", "minutes=" + LENGTH.toMinutes(), "seconds=" + seconds, "swaps=" + swaps,
                "calls=" + calls.get(), "failed=" + failures.size(), "retired.versions.still.in.memory=" + leaking,
                "memory.start=" + start, "memory.end=" + end);
        assertEquals("failures: " + failures.subList(0, Math.min(5, failures.size())), 0, failures.size());
        assertEquals("retired versions still in memory", 0, leaking);
        assertTrue("swaps happened", swaps > 0);
    }

    /** Swaps the greeter and then the counter, each to patch version 1.0.{@code patch}, and waits for both. */
    private void swapBoth(long patch, AtomicLong servingPatch) throws Exception {
        swap(FIXTURE, fixture(), "greeter.jar", patch);
        servingPatch.set(patch);
        swap(COUNTER, counter(1), "counter.jar", patch);
    }

    private void swap(String plugin, Path jar, String name, long patch) throws Exception {
        var swapped = reloads.nextReload(plugin);
        byte[] next = TestJars.withVersion(jar, "1.0." + patch);
        Drops.atomically(next, deploy, name);
        ReloadEvent event = swapped.get(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(plugin + " 1.0." + patch + ": " + event.failure(), Outcome.RELOADED, event.outcome());
    }

    private long swaps() {
        return reloads.generation(FIXTURE) + reloads.generation(COUNTER);
    }

    /** The counter's answers, "v1 count=N activations=M": N must only go up, across every swap. */
    private record CountCheck(List<String> failures, HotHandle<Greeter> counter, long[] last) implements Runnable {

        CountCheck(List<String> failures, HotHandle<Greeter> counter) {
            this(failures, counter, new long[1]);
        }

        @Override
        public void run() {
            String answer = counter.call(g -> g.greet("world"));
            int at = answer == null ? -1 : answer.indexOf("count=");
            if (at < 0) {
                failures.add("counter answered: " + answer);
                return;
            }
            long count = Long.parseLong(answer.substring(at + 6, answer.indexOf(' ', at)));
            if (count <= last[0]) {
                failures.add("state lost: count " + count + " after " + last[0]);
            }
            last[0] = count;
        }
    }

    private static CompletableFuture<Void> loop(AtomicBoolean stop, Runnable call, AtomicLong calls,
            List<String> failures) {
        return CompletableFuture.runAsync(() -> {
            while (!stop.get()) {
                try {
                    call.run();
                    calls.incrementAndGet();
                } catch (RuntimeException e) {
                    failures.add(e.toString());
                }
            }
        }, runnable -> new Thread(runnable, "soak-caller").start());
    }

    /** This JVM's memory after a full collection: the container and its plugins run in it. */
    private record Memory(long heapMb, long metaspaceMb, long classes, long rssMb) {

        static Memory now() throws Exception {
            System.gc();
            long metaspace = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getName().equals("Metaspace")) {
                    metaspace = pool.getUsage().getUsed();
                }
            }
            long rssKb = Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", ""))).findFirst().orElse(0);
            return new Memory(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20,
                    metaspace >> 20, ManagementFactory.getClassLoadingMXBean().getLoadedClassCount(), rssKb >> 10);
        }

        @Override
        public String toString() {
            return "heap " + heapMb + " MB, metaspace " + metaspaceMb + " MB, " + classes + " classes loaded, rss "
                    + rssMb + " MB";
        }
    }
}
