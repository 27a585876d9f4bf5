package io.hotbundle.fleet.internal.zk;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;

/** A real ZooKeeper server on a free port, and two sessions on it, as two nodes of a fleet would hold them. */
public final class TwoSessions implements AutoCloseable {

    private final TestingServer server;
    private final CuratorFramework first;
    private final CuratorFramework second;

    public TwoSessions() throws Exception {
        server = new TestingServer(true);
        first = FleetClient.start(server.getConnectString(), "", 10_000, 5_000);
        second = FleetClient.start(server.getConnectString(), "", 10_000, 5_000);
    }

    public CuratorFramework first() {
        return first;
    }

    public CuratorFramework second() {
        return second;
    }

    public String connectString() {
        return server.getConnectString();
    }

    @Override
    public void close() throws Exception {
        first.close();
        second.close();
        server.close();
    }
}
