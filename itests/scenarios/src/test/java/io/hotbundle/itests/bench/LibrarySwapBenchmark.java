package io.hotbundle.itests.bench;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

import io.hotbundle.api.ReloadEvent;
import io.hotbundle.api.ReloadEvent.Outcome;
import io.hotbundle.api.ReloadListener;
import io.hotbundle.itests.AcmeBundles;
import io.hotbundle.itests.Await;
import io.hotbundle.itests.GraphTestSupport;
import io.hotbundle.itests.HandleCallers;

/**
 * A library with N dependent plugins, each keeping state, swapped {@code hotbundle.bench.library.swaps} times
 * (50) while two host threads call every plugin through hot handles, for each N of
 * {@code hotbundle.bench.library.dependents} (1,5,20,50). Per N: failed calls, state lost (a count that went back,
 * or a final count or activation count that does not add up), and the whole set's swap from the library's drop
 * (its rename into the folder) to the reloaded event of the last member, whose version serves by then; also the
 * library's own event duration (announce to outcome, inside the container). The first
 * {@code hotbundle.bench.library.warmup} (5) swaps of each N are not timed (class loading, JIT), but their calls
 * and state count like the others.
 */
public class LibrarySwapBenchmark extends GraphTestSupport {

    private static final int SWAPS = Integer.getInteger("hotbundle.bench.library.swaps", 50);
    private static final int WARM_UP = Integer.getInteger("hotbundle.bench.library.warmup", 5);
    private static final int[] DEPENDENTS = Arrays.stream(System.getProperty("hotbundle.bench.library.dependents",
            "1,5,20,50").split(",")).mapToInt(n -> Integer.parseInt(n.trim())).toArray();

    /** Per member, the time each reloaded event arrived: {nanoTime, transaction}. */
    private final Map<String, BlockingQueue<long[]>> reloaded = new ConcurrentHashMap<>();

    @Test
    public void aLibrarySwappedUnderCallLoadWithItsDependents() throws Exception {
        context.registerService(ReloadListener.class, new ReloadListener() {
            @Override
            public void reloaded(ReloadEvent event) {
                queue(event.symbolicName()).add(new long[] {System.nanoTime(), event.transaction()});
            }

            @Override
            public void reloadFailed(ReloadEvent event) {
                queue(event.symbolicName()).add(new long[] {System.nanoTime(), -1});
            }
        }, null);
        for (int n : DEPENDENTS) {
            measure(n);
        }
    }

    private void measure(int n) throws Exception {
        String library = AcmeBundles.FORMAT;
        drop(AcmeBundles.fixture(library), "format.jar");
        var users = new ArrayList<String>();
        for (int i = 1; i <= n; i++) {
            String user = String.format("com.acme.bench.n%d.user%02d", n, i);
            users.add(user);
            drop(AcmeBundles.formatUser(user, "[1.0,2)"), user + ".jar");
        }
        awaitAllServing(users.toArray(String[]::new));
        var members = new ArrayList<>(users);
        members.add(library);
        members.forEach(m -> queue(m).clear());

        int swaps = WARM_UP + SWAPS;
        long[] setSwapMicros = new long[SWAPS];
        long[] libraryEventMicros = new long[SWAPS];
        var notReloaded = new ArrayList<String>();
        var callers = new HandleCallers(handles(), users, 2);
        try {
            callers.awaitCalls(5);
            for (int swap = 0; swap < swaps; swap++) {
                long dropped = Drops.atomically(AcmeBundles.format("1." + (swap + 1) + ".0"), deploy, "format.jar");
                long last = 0;
                long transaction = 0;
                for (String member : members) {
                    long[] event = queue(member).poll(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
                    if (event == null || event[1] < 0 || (transaction != 0 && event[1] != transaction)) {
                        notReloaded.add("swap " + swap + ": " + member + (event == null ? " heard nothing"
                                : " " + (event[1] < 0 ? "failed" : "in another transaction")));
                        continue;
                    }
                    transaction = event[1];
                    last = Math.max(last, event[0]);
                }
                if (swap >= WARM_UP) {
                    setSwapMicros[swap - WARM_UP] = (last - dropped) / 1000;
                    libraryEventMicros[swap - WARM_UP] = reloads.history(library)
                            .get(reloads.history(library).size() - 1).duration().toNanos() / 1000;
                }
            }
            callers.awaitCalls(5);
        } finally {
            callers.close();
        }
        long stateLost = callers.stateLost().size() + users.stream().filter(user -> !greetingFrom(user).equals(user
                + " count=" + (callers.calls(user) + 1) + " activations=" + (swaps + 1) + " format=1." + swaps + ".0"))
                .count();
        Results.samples("library-swap-n" + n, setSwapMicros);
        Results.samples("library-swap-n" + n + "-event", libraryEventMicros);
        Results.figures("library-swap-n" + n + "-calls", "dependents=" + n, "swaps=" + swaps, "timed=" + SWAPS,
                "calls=" + callers.calls(), "failed=" + callers.failures().size(), "state.lost=" + stateLost,
                "not.reloaded=" + notReloaded.size());
        assertEquals("not reloaded: " + notReloaded, List.of(), notReloaded);
        assertEquals("failed calls: " + callers.failures(), List.of(), callers.failures());
        assertEquals("state lost: " + callers.stateLost(), 0, stateLost);
        removeAll();
    }

    private BlockingQueue<long[]> queue(String member) {
        return reloaded.computeIfAbsent(member, m -> new LinkedBlockingQueue<>());
    }

    /** Empties the folder and waits until nothing is hosted, for the next N. */
    private void removeAll() throws Exception {
        try (var files = Files.list(deploy)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
        }
        Await.until("every plugin removed", () -> registry.plugins().isEmpty());
    }
}
