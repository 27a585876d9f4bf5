package io.hotbundle.fleet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.hotbundle.fleet.internal.model.Phase;
import io.hotbundle.fleet.internal.model.Plan;
import io.hotbundle.fleet.internal.model.Release;
import io.hotbundle.fleet.internal.model.Rollout;
import io.hotbundle.fleet.internal.zk.FleetPaths;
import io.hotbundle.fleet.internal.zk.FleetStore;
import io.hotbundle.fleet.internal.zk.TwoSessions;

/**
 * {@code hot:fleet} on a real ZooKeeper server while one rollout after another completes: whenever an operator
 * looks, a completed rollout and its plugin's desired release name the same version, as the one transaction that
 * wrote them does. The rollouts complete every {@value #PACE_MILLIS} ms, hundreds of times faster than a fleet's
 * (each bakes for seconds at least), and the operator looks without pause.
 */
class FleetViewTest {

    private static final int ROLLOUTS = 150;
    private static final long PACE_MILLIS = 20;
    private static final Pattern DESIRED = Pattern.compile("desired: greeter (\\S+) .*");
    private static final Pattern COMPLETED = Pattern.compile("rollout \\d+ of greeter \\S+ -> (\\S+): completed.*");

    @RegisterExtension
    final TwoSessions zookeeper = new TwoSessions();

    @Test
    void aCompletedRolloutAndItsDesiredReleaseAgreeInEveryView() throws Exception {
        var writes = new FleetStore(zookeeper.first(), new FleetPaths("f"));
        var reads = new FleetStore(zookeeper.second(), new FleetPaths("f"));
        writes.ensureFolders();
        var settings = new FleetSettings(zookeeper.connectString(), "f", "n1", "", "", "", 10_000, 5_000,
                Path.of("fleet"));
        var done = new AtomicBoolean();
        var views = new AtomicInteger();
        var disagreeing = new CopyOnWriteArrayList<String>();
        var failure = new CopyOnWriteArrayList<Exception>();
        Thread looking = new Thread(() -> {
            while (!done.get()) {
                try {
                    String view = FleetView.fleet(reads, settings, "n1");
                    views.incrementAndGet();
                    String desired = version(DESIRED, view);
                    String completed = version(COMPLETED, view);
                    if (desired != null && completed != null && !desired.equals(completed)) {
                        disagreeing.add(view);
                    }
                } catch (Exception e) {
                    failure.add(e);
                    return;
                }
            }
        }, "operator");
        looking.start();

        Release from = null;
        for (int i = 1; i <= ROLLOUTS; i++) {
            Release to = new Release("greeter", "1.0." + i, "g:greeter:1.0." + i, "b".repeat(64));
            long now = System.currentTimeMillis();
            Rollout completed = Rollout.requested(i, from, to, new Plan(0, List.of(), 0, 60_000, 0), "asked", now)
                    .with(Phase.COMPLETED, "every node serves " + to.version(), now, 0);
            // The rollout's znode: created by the first write (version 0), one version more with each.
            writes.putRolloutAndDesired(completed, i - 2, to, FleetStore.OptionalInt.NONE);
            from = to;
            Thread.sleep(PACE_MILLIS); // the pace of the rollouts, not a wait for anything
        }
        done.set(true);
        looking.join(10_000);

        assertEquals(List.of(), failure);
        assertTrue(views.get() >= 100, "the operator looked " + views.get() + " times while rollouts completed");
        assertEquals(List.of(), disagreeing, "views where the desired release lagged the completed rollout");
    }

    private static String version(Pattern pattern, String view) {
        return view.lines().map(pattern::matcher).filter(Matcher::matches).map(m -> m.group(1)).findFirst()
                .orElse(null);
    }
}
