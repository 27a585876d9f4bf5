package io.hotbundle.itests.bench;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

import io.hotbundle.api.ReloadEvent;
import io.hotbundle.api.ReloadEvent.Outcome;
import io.hotbundle.api.ReloadListener;
import io.hotbundle.itests.Await;
import io.hotbundle.itests.ContainerTestSupport;
import io.hotbundle.itests.TestJars;

/**
 * Drop-to-serving latency through Hotbundle: from a jar's rename into the deploy folder to the new version
 * serving (its reloaded event: activated, state restored, gate open). 100 swaps of a small plugin that hands
 * its state over, and 100 of one without state.
 */
public class SwapLatencyBenchmark extends ContainerTestSupport {

    static final int SWAPS = Integer.getInteger("hotbundle.bench.swaps", 100);

    @Test
    public void dropToServingWithStateHandoff() throws Exception {
        measure("hotbundle-state", "io.hotbundle.fixture.counter", TestJars.reactorJar("hotbundle.fixture.counter.v1"));
    }

    @Test
    public void dropToServingWithoutState() throws Exception {
        measure("hotbundle-nostate", FIXTURE, fixture());
    }

    private void measure(String name, String plugin, java.nio.file.Path jar) throws Exception {
        BlockingQueue<long[]> reloaded = new LinkedBlockingQueue<>();
        context.registerService(ReloadListener.class, new ReloadListener() {
            @Override
            public void reloaded(ReloadEvent event) {
                reloaded.add(new long[] {System.nanoTime(), event.duration().toNanos()});
            }
        }, null);
        TestJars.drop(jar, deploy, "plugin.jar");
        awaitServing(plugin, 1);
        // Warm-up swaps, not counted: the first swaps pay for class loading and JIT compilation.
        long[] latencies = new long[SWAPS];
        long[] swapTimes = new long[SWAPS];
        for (int i = -10; i < SWAPS; i++) {
            byte[] next = TestJars.withVersion(jar, "2.0." + (i + 10));
            long arrival = Drops.atomically(next, deploy, "plugin.jar");
            long[] event = reloaded.poll(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new AssertionError("no reloaded event for swap " + i + "; history " + reloads.history(plugin));
            }
            if (i >= 0) {
                latencies[i] = (event[0] - arrival) / 1000;
                swapTimes[i] = event[1] / 1000;
            }
        }
        assertEquals(Outcome.RELOADED, reloads.history(plugin).get(reloads.history(plugin).size() - 1).outcome());
        Results.samples(name, latencies);
        Results.samples(name + "-swap-only", swapTimes);
        Files.deleteIfExists(deploy.resolve("plugin.jar"));
    }
}
