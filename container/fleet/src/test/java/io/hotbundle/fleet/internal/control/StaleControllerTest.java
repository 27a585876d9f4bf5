package io.hotbundle.fleet.internal.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * Two controllers on a real ZooKeeper server: the one that claimed its epoch first, then lost it (paused, cut off,
 * its session expired while it still believed it led), can no longer write a rollout.
 */
class StaleControllerTest {

    @RegisterExtension
    final TwoSessions zookeeper = new TwoSessions();

    @Test
    void aControllerWhoseEpochWasSupersededCannotAdvanceARollout() throws Exception {
        var stale = new FleetStore(zookeeper.first(), new FleetPaths("f"));
        var current = new FleetStore(zookeeper.second(), new FleetPaths("f"));
        stale.ensureFolders();
        Release to = new Release("greeter", "2.0.0", "g:greeter:2.0.0", "b".repeat(64));
        new Operators(current, "n9").rollout(to, new Plan(0, List.of(), 0, 60_000, 0));

        var staleDriver = new RolloutDriver(stale, "n1");
        var currentDriver = new RolloutDriver(current, "n2");
        staleDriver.claim();
        currentDriver.claim(); // n1 was paused meanwhile: n2 was elected and claimed a newer epoch

        staleDriver.drive(Set.of("n1", "n2"), Map.of(), System.currentTimeMillis());
        Rollout untouched = current.rollout("greeter").orElseThrow().value();
        assertEquals(Phase.PENDING, untouched.phase(), "the stale controller's write was refused");
        assertFalse(staleDriver.leading(), "and it knows it no longer leads");

        currentDriver.drive(Set.of("n1", "n2"), Map.of(), System.currentTimeMillis());
        Rollout started = current.rollout("greeter").orElseThrow().value();
        assertEquals(Phase.ROLLING, started.phase(), "the current controller moves it on");
        assertEquals(2, started.epoch());
        assertTrue(currentDriver.leading());
    }
}
