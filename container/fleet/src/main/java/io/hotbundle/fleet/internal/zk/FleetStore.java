package io.hotbundle.fleet.internal.zk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

import io.hotbundle.fleet.internal.model.Json;
import io.hotbundle.fleet.internal.model.NodeStatus;
import io.hotbundle.fleet.internal.model.Release;
import io.hotbundle.fleet.internal.model.Rollout;

/**
 * Typed reads and writes of a fleet's znodes ({@link FleetPaths}). Every write of a rollout or of a desired
 * release is a compare-and-set on the znode's version as read; the controller's writes are also conditioned on
 * its epoch, in the same ZooKeeper transaction, so a controller that lost its place can write nothing.
 */
public final class FleetStore {

    /** A value and the znode version it was read at. */
    public record Versioned<T>(T value, int version) {
    }

    /** A write lost a race: someone else wrote first, or the controller was superseded. */
    public static final class ConflictException extends Exception {
        private static final long serialVersionUID = 1L;

        ConflictException(String message) {
            super(message);
        }
    }

    private final CuratorFramework client;
    private final FleetPaths paths;

    public FleetStore(CuratorFramework client, FleetPaths paths) {
        this.client = client;
        this.paths = paths;
    }

    public FleetPaths paths() {
        return paths;
    }

    public CuratorFramework client() {
        return client;
    }

    /** Creates the fleet's folders when missing. */
    public void ensureFolders() throws Exception {
        for (String path : List.of(paths.desired(), paths.rollouts(), paths.live(), paths.status())) {
            if (client.checkExists().forPath(path) == null) {
                try {
                    client.create().creatingParentsIfNeeded().forPath(path);
                } catch (KeeperException.NodeExistsException e) {
                    // Another node made it first.
                }
            }
        }
    }

    public Optional<Versioned<Rollout>> rollout(String plugin) throws Exception {
        return read(paths.rollout(plugin), Rollout.class);
    }

    public List<Versioned<Rollout>> rollouts() throws Exception {
        var rollouts = new ArrayList<Versioned<Rollout>>();
        for (String plugin : children(paths.rollouts())) {
            rollout(plugin).ifPresent(rollouts::add);
        }
        return rollouts;
    }

    public Optional<Versioned<Release>> desired(String plugin) throws Exception {
        return read(paths.desired(plugin), Release.class);
    }

    /** Every plugin's desired release, by plugin name. */
    public Map<String, Versioned<Release>> desiredReleases() throws Exception {
        var desired = new TreeMap<String, Versioned<Release>>();
        for (String plugin : children(paths.desired())) {
            desired(plugin).ifPresent(release -> desired.put(plugin, release));
        }
        return desired;
    }

    public Set<String> live() throws Exception {
        return new TreeSet<>(children(paths.live()));
    }

    public Map<String, NodeStatus> statuses() throws Exception {
        var statuses = new HashMap<String, NodeStatus>();
        for (String node : children(paths.status())) {
            read(paths.status(node), NodeStatus.class).ifPresent(s -> statuses.put(node, s.value()));
        }
        return statuses;
    }

    public void writeStatus(NodeStatus status) throws Exception {
        String path = paths.status(status.node());
        byte[] data = Json.write(status);
        try {
            client.setData().forPath(path, data);
        } catch (KeeperException.NoNodeException e) {
            client.create().creatingParentsIfNeeded().forPath(path, data);
        }
    }

    /** An operator's write of a rollout: {@code expectedVersion} -1 creates it. */
    public void putRollout(Rollout rollout, int expectedVersion) throws Exception {
        commit(List.of(rolloutOp(rollout, expectedVersion)));
    }

    /** A rollout and the desired release together (completion, undo); {@code desired} null removes it. */
    public void putRolloutAndDesired(Rollout rollout, int rolloutVersion, Release desired, OptionalInt fence)
            throws Exception {
        var ops = new ArrayList<CuratorOp>();
        if (fence.present) {
            ops.add(client.transactionOp().check().withVersion(fence.value).forPath(paths.epoch()));
        }
        ops.add(rolloutOp(rollout, rolloutVersion));
        Optional<Versioned<Release>> current = desired(rollout.plugin());
        String path = paths.desired(rollout.plugin());
        if (desired == null) {
            if (current.isPresent()) {
                ops.add(client.transactionOp().delete().withVersion(current.get().version()).forPath(path));
            }
        } else if (current.isPresent()) {
            ops.add(client.transactionOp().setData().withVersion(current.get().version()).forPath(path, Json.write(desired)));
        } else {
            ops.add(client.transactionOp().create().forPath(path, Json.write(desired)));
        }
        commit(ops);
    }

    /** The controller's write of a rollout, only while its epoch is the fleet's. */
    public void putRolloutFenced(Rollout rollout, int rolloutVersion, int epochVersion) throws Exception {
        commit(List.of(client.transactionOp().check().withVersion(epochVersion).forPath(paths.epoch()),
                rolloutOp(rollout, rolloutVersion)));
    }

    /** An epoch fence, or none. */
    public record OptionalInt(boolean present, int value) {
        public static final OptionalInt NONE = new OptionalInt(false, 0);

        public static OptionalInt of(int value) {
            return new OptionalInt(true, value);
        }
    }

    /**
     * Makes this node the controller of a new epoch: increments the epoch znode (compare-and-set, retried), so
     * that every write of the previous controller, conditioned on the old version, fails from now on.
     *
     * @return the new epoch and the znode version to condition writes on
     */
    public Versioned<Long> claimEpoch(String node) throws Exception {
        while (true) {
            Stat stat = new Stat();
            byte[] data;
            try {
                data = client.getData().storingStatIn(stat).forPath(paths.epoch());
            } catch (KeeperException.NoNodeException e) {
                try {
                    client.create().creatingParentsIfNeeded().forPath(paths.epoch(), Json.write(new Epoch(1, node)));
                    return new Versioned<>(1L, 0);
                } catch (KeeperException.NodeExistsException raced) {
                    continue;
                }
            }
            long next = Json.read(data, Epoch.class).epoch() + 1;
            try {
                Stat written = client.setData().withVersion(stat.getVersion()).forPath(paths.epoch(),
                        Json.write(new Epoch(next, node)));
                return new Versioned<>(next, written.getVersion());
            } catch (KeeperException.BadVersionException raced) {
                // Another controller claimed meanwhile: try again on top of its epoch.
            }
        }
    }

    /** The epoch znode's content. */
    public record Epoch(long epoch, String node) {
    }

    public Optional<Versioned<Epoch>> epoch() throws Exception {
        return read(paths.epoch(), Epoch.class);
    }

    private CuratorOp rolloutOp(Rollout rollout, int expectedVersion) throws Exception {
        String path = paths.rollout(rollout.plugin());
        return expectedVersion < 0 ? client.transactionOp().create().forPath(path, Json.write(rollout))
                : client.transactionOp().setData().withVersion(expectedVersion).forPath(path, Json.write(rollout));
    }

    private void commit(List<CuratorOp> ops) throws Exception {
        try {
            client.transaction().forOperations(ops);
        } catch (KeeperException.BadVersionException | KeeperException.NodeExistsException
                | KeeperException.NoNodeException e) {
            throw new ConflictException("the fleet changed meanwhile (" + e.code().name().toLowerCase() + ")");
        }
    }

    private <T> Optional<Versioned<T>> read(String path, Class<T> type) throws Exception {
        Stat stat = new Stat();
        try {
            byte[] data = client.getData().storingStatIn(stat).forPath(path);
            return Optional.of(new Versioned<>(Json.read(data, type), stat.getVersion()));
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        }
    }

    private List<String> children(String path) throws Exception {
        try {
            return client.getChildren().forPath(path);
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        }
    }
}
