package io.hotbundle.itests.bench;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;

import io.hotbundle.api.HotHandle;
import io.hotbundle.api.HotHandles;
import io.hotbundle.api.ReloadEvent;
import io.hotbundle.api.ReloadEvent.Outcome;
import io.hotbundle.api.example.Greeter;
import io.hotbundle.itests.Await;
import io.hotbundle.itests.ContainerTestSupport;
import io.hotbundle.itests.TestJars;

/**
 * Two host threads call a plugin through a hot handle in a tight loop while it is swapped 100 times, until at
 * least a million calls were made: failed calls (exceptions, nulls, wrong answers), calls answered by a version
 * older than the last reloaded one when they started, and the longest single call against the longest swap.
 */
public class CallsDuringSwapsBenchmark extends ContainerTestSupport {

    private static final int SWAPS = Integer.getInteger("hotbundle.bench.swaps", 100);
    private static final long CALLS = 1_000_000;

    @Test
    public void aMillionCallsDuringAHundredSwaps() throws Exception {
        TestJars.drop(fixture(), deploy, "greeter.jar");
        awaitServing(FIXTURE, 1);
        HotHandles handles = context.getService(context.getServiceReference(HotHandles.class));
        HotHandle<Greeter> greeter = handles.handle(Greeter.class, FIXTURE);

        var stop = new AtomicBoolean();
        var calls = new AtomicLong();
        var longestCall = new AtomicLong();
        var servingPatch = new AtomicLong();
        List<String> failures = new CopyOnWriteArrayList<>();
        List<CompletableFuture<Void>> callers = List.of(
                caller(greeter, stop, calls, longestCall, servingPatch, failures),
                caller(greeter, stop, calls, longestCall, servingPatch, failures));

        long longestSwap = 0;
        for (int patch = 1; patch <= SWAPS || calls.get() < CALLS; patch++) {
            var swapped = reloads.nextReload(FIXTURE);
            TestJars.drop(TestJars.withVersion(fixture(), "1.0." + patch), deploy, "greeter.jar");
            ReloadEvent event = swapped.get(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals(Outcome.RELOADED, event.outcome());
            servingPatch.set(patch);
            longestSwap = Math.max(longestSwap, event.duration().toNanos());
        }
        stop.set(true);
        CompletableFuture.allOf(callers.toArray(CompletableFuture[]::new)).get(1, TimeUnit.MINUTES);

        Results.figures("calls-during-swaps", "swaps=" + reloads.history(FIXTURE).size(), "calls=" + calls.get(),
                "failed=" + failures.size(), String.format("longest.call.ms=%.2f", longestCall.get() / 1e6),
                String.format("longest.swap.ms=%.2f", longestSwap / 1e6));
        assertEquals("failures: " + failures.subList(0, Math.min(5, failures.size())), 0, failures.size());
    }

    private static CompletableFuture<Void> caller(HotHandle<Greeter> greeter, AtomicBoolean stop, AtomicLong calls,
            AtomicLong longestCall, AtomicLong servingPatch, List<String> failures) {
        return CompletableFuture.runAsync(() -> {
            while (!stop.get()) {
                long atLeast = servingPatch.get();
                long started = System.nanoTime();
                String answer;
                try {
                    answer = greeter.call(g -> g.greet("world"));
                } catch (RuntimeException e) {
                    failures.add(e.toString());
                    continue;
                }
                long took = System.nanoTime() - started;
                longestCall.accumulateAndGet(took, Math::max);
                calls.incrementAndGet();
                VersionedAnswers.check(answer, atLeast, failures);
            }
        });
    }
}
