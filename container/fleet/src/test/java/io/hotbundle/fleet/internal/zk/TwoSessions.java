package io.hotbundle.fleet.internal.zk;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real ZooKeeper server on a free port, and two sessions on it, as two nodes of a fleet would hold them: fresh
 * for each test of a class that registers it ({@code @RegisterExtension final TwoSessions zookeeper = ...}).
 */
public final class TwoSessions implements BeforeEachCallback, AfterEachCallback {

    private TestingServer server;
    private CuratorFramework first;
    private CuratorFramework second;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
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
    public void afterEach(ExtensionContext context) throws Exception {
        first.close();
        second.close();
        server.close();
    }
}
