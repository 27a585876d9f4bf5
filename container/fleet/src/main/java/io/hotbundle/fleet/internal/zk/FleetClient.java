package io.hotbundle.fleet.internal.zk;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;

/**
 * Opens the fleet's Curator client. With credentials, the client authenticates with ZooKeeper's digest scheme and
 * every znode it creates is readable and writable only by that identity ({@code CREATOR_ALL_ACL}): the nodes of a
 * fleet share one identity, anyone else is refused. Without, znodes are open to all (a ZooKeeper reachable only by
 * the fleet's hosts).
 */
public final class FleetClient {

    private FleetClient() {
    }

    /**
     * A started client: it connects in the background and keeps reconnecting; it never blocks the caller.
     *
     * @param auth {@code user:password}, or empty
     */
    public static CuratorFramework start(String connect, String auth, int sessionTimeoutMs, int connectionTimeoutMs) {
        var builder = CuratorFrameworkFactory.builder()
                .connectString(connect)
                .sessionTimeoutMs(sessionTimeoutMs)
                .connectionTimeoutMs(connectionTimeoutMs)
                // Retries of one operation; the connection itself is retried forever by ZooKeeper's client.
                .retryPolicy(new ExponentialBackoffRetry(100, 5, 1_000))
                .threadFactory(daemons());
        if (!auth.isEmpty()) {
            builder.authorization("digest", auth.getBytes(StandardCharsets.UTF_8)).aclProvider(creatorOnly());
        }
        CuratorFramework client = builder.build();
        client.start();
        return client;
    }

    private static ACLProvider creatorOnly() {
        return new ACLProvider() {
            @Override
            public List<ACL> getDefaultAcl() {
                return ZooDefs.Ids.CREATOR_ALL_ACL;
            }

            @Override
            public List<ACL> getAclForPath(String path) {
                return ZooDefs.Ids.CREATOR_ALL_ACL;
            }
        };
    }

    private static ThreadFactory daemons() {
        var count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "hotbundle-fleet-zk-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
