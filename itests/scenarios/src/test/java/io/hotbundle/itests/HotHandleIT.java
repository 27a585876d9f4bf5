package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;

import io.hotbundle.api.HotHandle;
import io.hotbundle.api.HotHandles;
import io.hotbundle.api.PluginUnavailableException;
import io.hotbundle.api.ReloadEvent;
import io.hotbundle.api.ReloadEvent.Outcome;
import io.hotbundle.api.ReloadListener;
import io.hotbundle.api.example.Greeter;

/** Calls through hot handles never see a swap: they wait at the gate and run on the version that serves. */
public class HotHandleIT extends ContainerTestSupport {

    private static final int SWAPS = 10;

    @Test
    public void callsFromTwoThreadsThroughAHandleNeverFailWhileThePluginIsSwapped() throws Exception {
        TestJars.drop(fixture(), deploy, "greeter.jar");
        awaitServing(FIXTURE, 1);
        HotHandle<Greeter> greeter = handles().handle(Greeter.class, FIXTURE);
        Map<Integer, Long> reloadedAt = new ConcurrentHashMap<>();
        context.registerService(ReloadListener.class, new ReloadListener() {
            @Override
            public void reloaded(ReloadEvent event) {
                reloadedAt.put(patch(event.toVersion()), System.nanoTime());
            }
        }, null);

        var stop = new AtomicBoolean();
        var calls = new AtomicLong();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<long[]> answers = new CopyOnWriteArrayList<>();
        List<CompletableFuture<Void>> callers = List.of(caller(greeter, stop, calls, failures, answers),
                caller(greeter, stop, calls, failures, answers));

        for (int patch = 1; patch <= SWAPS; patch++) {
            var swapped = reloads.nextReload(FIXTURE);
            TestJars.drop(TestJars.withVersion(fixture(), "1.0." + patch), deploy, "greeter.jar");
            assertEquals(Outcome.RELOADED, swapped.get(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS).outcome());
        }
        Await.until("the last reloaded event", () -> reloadedAt.containsKey(SWAPS));
        stop.set(true);
        CompletableFuture.allOf(callers.toArray(CompletableFuture[]::new)).get(Await.DEFAULT.toMillis(),
                TimeUnit.MILLISECONDS);

        assertEquals("failed calls: " + failures, 0, failures.size());
        assertTrue("calls made: " + calls.get(), calls.get() > 1000);
        for (long[] answer : answers) {
            long started = answer[0];
            int version = (int) answer[1];
            reloadedAt.forEach((reloaded, at) -> {
                if (started > at && version < reloaded) {
                    fail("a call started after 1.0." + reloaded + " was reloaded was answered by 1.0." + version);
                }
            });
        }
        assertEquals("Hello, world (1.0." + SWAPS + ")", greeter.call(g -> g.greet("world")));
        assertEquals(SWAPS + 1, greeter.generation());
    }

    @Test
    public void aCallThatOutwaitsTheGateTimeoutFailsWithAMessageNamingThePluginAndTheSwap() throws Exception {
        configure("io.hotbundle.handles", HotHandles.class, "gate.timeout.ms", 300L);
        configureDeployer("activation.timeout.ms", 3000L);
        TestJars.drop(fixture(), deploy, "greeter.jar");
        awaitServing(FIXTURE, 1);
        HotHandle<Greeter> greeter = handles().handle(Greeter.class, FIXTURE);
        var gateClosed = new java.util.concurrent.CountDownLatch(1);
        context.registerService(ReloadListener.class, new RecordingListener((e, h) -> gateClosed.countDown()), null);

        var outcome = reloads.nextReload(FIXTURE);
        TestJars.drop(TestJars.withHeaders(fixture(), Map.of("Bundle-Version", "1.0.1",
                "Fixture-Behaviour", "hang-activation")), deploy, "greeter.jar");
        assertTrue(gateClosed.await(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS));
        PluginUnavailableException unavailable = Await.value("a call to time out at the gate", () -> {
            try {
                greeter.call(g -> g.greet("world"));
                return null;
            } catch (PluginUnavailableException e) {
                return e;
            }
        });

        assertEquals(Greeter.class.getName() + " from " + FIXTURE + " was not available within 300 ms; the call "
                + "waited for the gate, closed for the swap of " + FIXTURE + " from 1.0.0 to 1.0.1",
                unavailable.getMessage());
        assertEquals(Outcome.ROLLED_BACK, outcome.get(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS).outcome());
        assertEquals("Hello, world (1.0.0)", greeter.call(g -> g.greet("world")));
    }

    @Test
    public void aProxyIsAPlainObjectThatReachesTheCurrentVersion() throws Exception {
        TestJars.drop(fixture(), deploy, "greeter.jar");
        awaitServing(FIXTURE, 1);
        Greeter greeter = handles().proxy(Greeter.class, FIXTURE);
        assertEquals("Hello, world (1.0.0)", greeter.greet("world"));

        TestJars.drop(TestJars.withVersion(fixture(), "1.0.1"), deploy, "greeter.jar");
        awaitServing(FIXTURE, 2);

        assertEquals("Hello, world (1.0.1)", greeter.greet("world"));
        assertEquals("hot proxy for " + Greeter.class.getName() + " from " + FIXTURE, greeter.toString());
    }

    @Test
    public void aCallToAPluginNotYetDeployedWaitsForItThenRuns() throws Exception {
        HotHandle<Greeter> greeter = handles().handle(Greeter.class, FIXTURE);
        var answer = CompletableFuture.supplyAsync(() -> greeter.call(g -> g.greet("early")));

        TestJars.drop(fixture(), deploy, "greeter.jar");

        assertEquals("Hello, early (1.0.0)", answer.get(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS));
    }

    private HotHandles handles() {
        return context.getService(context.getServiceReference(HotHandles.class));
    }

    private static CompletableFuture<Void> caller(HotHandle<Greeter> greeter, AtomicBoolean stop, AtomicLong calls,
            List<Throwable> failures, List<long[]> answers) {
        return CompletableFuture.runAsync(() -> {
            while (!stop.get()) {
                long started = System.nanoTime();
                try {
                    String answer = greeter.call(g -> g.greet("world"));
                    if (answer == null || !answer.startsWith("Hello, world (1.0.")) {
                        failures.add(new AssertionError("answer: " + answer));
                    } else if (calls.incrementAndGet() % 50 == 0) {
                        answers.add(new long[] {started, patch(answer.substring(answer.indexOf('(') + 1,
                                answer.length() - 1))});
                    }
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
        });
    }

    private static int patch(String version) {
        return Integer.parseInt(version.split("\\.")[2]);
    }
}
