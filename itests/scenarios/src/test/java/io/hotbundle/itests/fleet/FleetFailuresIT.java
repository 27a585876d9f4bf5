package io.hotbundle.itests.fleet;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.curator.test.InstanceSpec;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import io.hotbundle.itests.Hotbundle;

/**
 * What goes wrong in a fleet, with real processes and real ZooKeeper servers: a node killed during a rollout
 * converges when it comes back; a ZooKeeper server killed during a rollout (the ensemble keeps its quorum) changes
 * nothing; ZooKeeper lost entirely stops no node from serving, every node says so, and a node started meanwhile
 * serves its last good set.
 */
public class FleetFailuresIT {

    private static final Duration LONG = Duration.ofSeconds(60);
    private static final String PLUGIN = "fleet.failures";
    private FleetSetup fleet;

    @Before
    public void startFleet() throws Exception {
        fleet = new FleetSetup("fleet-failures", 3);
        for (String node : List.of("n1", "n2", "n3")) {
            fleet.start(node);
        }
        fleet.publish(PLUGIN, "1.0.0");
        fleet.publish(PLUGIN, "2.0.0");
        fleet.ok("n1", "hot:rollout " + PLUGIN + " 1.0.0");
        for (String node : List.of("n1", "n2", "n3")) {
            fleet.awaitServing(node, PLUGIN, "1.0.0", LONG);
        }
        fleet.awaitOutput("n1", "hot:fleet", completed(1), LONG, "the first release completed");
    }

    @After
    public void stopFleet() throws Exception {
        fleet.close();
    }

    @Test
    public void aNodeKilledDuringARolloutConvergesWhenRestarted() throws Exception {
        fleet.ok("n2", "hot:rollout --canary 1 --bake 2 " + PLUGIN + " 2.0.0");
        fleet.awaitServing("n1", PLUGIN, "2.0.0", LONG);
        fleet.kill("n3"); // while the canary bakes: n3 is in the next wave

        fleet.awaitOutput("n1", "hot:fleet", Pattern.compile("n3\\s+down\\s+" + Pattern.quote(PLUGIN) + "\\s+1.0.0\\s.*"),
                LONG, "n3 down, on 1.0.0");
        fleet.awaitServing("n2", PLUGIN, "2.0.0", LONG);
        fleet.start("n3");
        fleet.awaitServing("n3", PLUGIN, "2.0.0", LONG);
        fleet.awaitOutput("n3", "hot:fleet", completed(2), LONG, "the rollout completed");
    }

    @Test
    public void aZooKeeperServerKilledDuringARolloutChangesNothing() throws Exception {
        fleet.ok("n1", "hot:rollout --canary 1 --bake 2 " + PLUGIN + " 2.0.0");
        fleet.awaitServing("n1", PLUGIN, "2.0.0", LONG);
        InstanceSpec server = fleet.zookeeper().getInstances().iterator().next();
        assertTrue(fleet.zookeeper().killServer(server));

        for (String node : List.of("n1", "n2", "n3")) {
            fleet.awaitServing(node, PLUGIN, "2.0.0", LONG);
        }
        fleet.awaitOutput("n2", "hot:fleet", completed(2), LONG, "the rollout completed");
    }

    @Test
    public void withZooKeeperLostNodesKeepServingSaySoAndANodeStartedMeanwhileServesItsLastGoodSet()
            throws Exception {
        fleet.zookeeper().stop();
        for (String node : List.of("n1", "n2", "n3")) {
            fleet.node(node).awaitLine(node + " telling", Pattern.compile(".* fleet: ZooKeeper is unreachable \\(\\w+\\); "
                    + "this node keeps serving " + Pattern.quote(PLUGIN) + " 1.0.0"), LONG);
            fleet.awaitServing(node, PLUGIN, "1.0.0", LONG);
        }
        String view = fleet.ok("n1", "hot:fleet");
        assertTrue(view, view.contains("is unreachable since") && view.contains(PLUGIN));
        Hotbundle.Result refused = fleet.exec("n1", "hot:rollout " + PLUGIN + " 2.0.0");
        assertEquals(refused.output(), 1, refused.status());
        assertEquals(1, refused.lines().size());

        fleet.kill("n2");
        fleet.start("n2");
        fleet.awaitServing("n2", PLUGIN, "1.0.0", LONG);
        fleet.node("n2").awaitLine("n2 saying so", Pattern.compile(".* fleet: ZooKeeper is unreachable at start; this "
                + "node serves its last good set \\(" + Pattern.quote(PLUGIN) + " 1.0.0\\) .*"), LONG);
        String list = fleet.ok("n2", "hot:list");
        assertTrue(list, list.contains("fleet: " + PLUGIN + ".jar"));
    }

    private static Pattern completed(int id) {
        return Pattern.compile("rollout " + id + " of " + Pattern.quote(PLUGIN) + " .*: completed.*");
    }
}
