package io.hotbundle.fleet.internal.control;

import static java.lang.System.Logger.Level.WARNING;

import java.lang.System.Logger;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;

import io.hotbundle.fleet.internal.model.Json;
import io.hotbundle.fleet.internal.model.NodeStatus;
import io.hotbundle.fleet.internal.zk.FleetPaths;
import io.hotbundle.fleet.internal.zk.FleetStore;

/**
 * Runs for election as the fleet's controller ({@link LeaderLatch}); while elected, watches the nodes' liveness,
 * reports and the rollouts ({@link CuratorCache}s opened only then) and drives the rollouts ({@link RolloutDriver})
 * on the fleet's thread, at every change and at the next bake end or deadline.
 */
public final class Controller implements AutoCloseable {

    private static final Logger LOG = System.getLogger("hotbundle");
    /** Looked at again at least this often while leading, should a watch be missed. */
    private static final long IDLE_TICK_MS = 1_000;

    private final FleetStore store;
    private final ScheduledExecutorService thread;
    private final RolloutDriver driver;
    private final LeaderLatch latch;
    private CuratorCache cache;
    private ScheduledFuture<?> next;

    public Controller(FleetStore store, String node, ScheduledExecutorService thread) {
        this.store = store;
        this.thread = thread;
        this.driver = new RolloutDriver(store, node);
        this.latch = new LeaderLatch(store.client(), store.paths().leader(), node);
        latch.addListener(new LeaderLatchListener() {
            @Override
            public void isLeader() {
                thread.execute(Controller.this::lead);
            }

            @Override
            public void notLeader() {
                thread.execute(Controller.this::follow);
            }
        }, thread);
    }

    public void start() throws Exception {
        latch.start();
    }

    public boolean leading() {
        return driver.leading();
    }

    private void lead() {
        try {
            if (!latch.hasLeadership() || driver.leading()) {
                return;
            }
            driver.claim();
            cache = CuratorCache.build(store.client(), store.paths().root());
            cache.listenable().addListener((type, before, after) -> soon(0), thread);
            cache.start();
            soon(0);
        } catch (Exception e) {
            LOG.log(WARNING, "fleet: could not take control of the rollouts: {0}", e.toString());
            soon(IDLE_TICK_MS);
        }
    }

    private void follow() {
        driver.release();
        if (cache != null) {
            cache.close();
            cache = null;
        }
    }

    private void soon(long delayMs) {
        if (next != null && next.getDelay(TimeUnit.MILLISECONDS) <= delayMs) {
            return;
        }
        if (next != null) {
            next.cancel(false);
        }
        next = thread.schedule(this::tick, delayMs, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        next = null;
        if (!driver.leading()) {
            if (latch.hasLeadership()) {
                lead(); // superseded, then elected again
            }
            return;
        }
        try {
            long now = System.currentTimeMillis();
            long wake = driver.drive(live(), statuses(), now);
            if (!driver.leading()) {
                follow();
                return;
            }
            soon(Math.max(0, Math.min(wake - now, IDLE_TICK_MS)));
        } catch (Exception e) {
            // ZooKeeper unreachable, most likely: the next tick tries again.
            soon(IDLE_TICK_MS);
        }
    }

    private Set<String> live() {
        var live = new TreeSet<String>();
        String prefix = store.paths().live() + "/";
        cache.stream().map(ChildData::getPath).filter(p -> p.startsWith(prefix)).map(FleetPaths::name)
                .forEach(live::add);
        return live;
    }

    private Map<String, NodeStatus> statuses() {
        var statuses = new HashMap<String, NodeStatus>();
        String prefix = store.paths().status() + "/";
        cache.stream().filter(d -> d.getPath().startsWith(prefix) && d.getData() != null && d.getData().length > 0)
                .forEach(d -> {
                    try {
                        statuses.put(FleetPaths.name(d.getPath()), Json.read(d.getData(), NodeStatus.class));
                    } catch (IllegalArgumentException e) {
                        // A report that does not read counts as no report.
                    }
                });
        return statuses;
    }

    @Override
    public void close() throws Exception {
        follow();
        latch.close();
    }
}
