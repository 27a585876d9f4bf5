package io.hotbundle.fleet.internal.zk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.Test;

import io.hotbundle.fleet.internal.control.Operators;
import io.hotbundle.fleet.internal.model.Plan;
import io.hotbundle.fleet.internal.model.Release;

/** With credentials, a fleet's znodes are its identity's alone: another client can neither read nor change them. */
class DigestAuthTest {

    @Test
    void aClientWithoutTheFleetsCredentialsCanNeitherReadNorWriteItsZnodes() throws Exception {
        try (TestingServer server = new TestingServer(true);
                CuratorFramework fleet = FleetClient.start(server.getConnectString(), "fleet:s3cret", 10_000, 5_000);
                CuratorFramework stranger = FleetClient.start(server.getConnectString(), "", 10_000, 5_000);
                CuratorFramework wrong = FleetClient.start(server.getConnectString(), "fleet:guess", 10_000, 5_000)) {
            var store = new FleetStore(fleet, new FleetPaths("f"));
            Release to = new Release("greeter", "2.0.0", "g:greeter:2.0.0", "b".repeat(64));
            new Operators(store, "n1").rollout(to, new Plan(0, List.of(), 0, 60_000, 0));
            String path = store.paths().rollout("greeter");

            assertEquals("greeter", store.rollout("greeter").orElseThrow().value().plugin());
            for (CuratorFramework other : List.of(stranger, wrong)) {
                assertThrows(KeeperException.NoAuthException.class, () -> other.getData().forPath(path));
                assertThrows(KeeperException.NoAuthException.class, () -> other.setData().forPath(path, new byte[0]));
                assertThrows(KeeperException.NoAuthException.class,
                        () -> other.create().forPath(store.paths().desired("greeter"), new byte[0]));
            }
        }
    }
}
