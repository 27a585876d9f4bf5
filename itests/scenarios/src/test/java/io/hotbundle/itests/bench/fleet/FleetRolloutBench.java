package io.hotbundle.itests.bench.fleet;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.junit.Test;

import io.hotbundle.itests.TestJars;
import io.hotbundle.itests.bench.Results;
import io.hotbundle.itests.fleet.FleetSetup;

/**
 * The fleet's figures ({@code itests/run-fleet-benchmark}, not part of {@code mvn verify}): a three-server
 * ZooKeeper ensemble and five container processes on this machine, each calling the plugin through a hot handle
 * about once a millisecond. Measures the time from {@code hot:rollout} to the last node serving, without a canary
 * and with a canary, two waves and a 2 s bake; the time from a failing canary's report to every node serving the
 * previous version again; and the calls that failed meanwhile. End times are the nodes' own report times (one
 * clock: one machine), read from ZooKeeper.
 */
public class FleetRolloutBench {

    private static final String PLUGIN = "fleet.bench";
    private static final int NODES = Integer.getInteger("hotbundle.bench.fleet.nodes", 5);
    private static final int ROUNDS = Integer.getInteger("hotbundle.bench.fleet.rounds", 1);
    private static final long TIMEOUT_MS = 120_000;

    @Test
    public void rolloutsAcrossFiveNodes() throws Exception {
        try (FleetSetup fleet = new FleetSetup("fleet-bench", 3);
                CuratorFramework zk = CuratorFrameworkFactory.newClient(fleet.zookeeper().getConnectString(),
                        new RetryOneTime(100))) {
            zk.start();
            List<String> nodes = new ArrayList<>();
            Path counts = Files.createDirectories(fleet.folder().resolve("counts"));
            for (int i = 1; i <= NODES; i++) {
                nodes.add("n" + i);
                fleet.start("n" + i);
            }
            fleet.publish(PLUGIN, "1.0.0");
            fleet.ok("n1", "hot:rollout " + PLUGIN + " 1.0.0");
            awaitAll(zk, nodes, "1.0.0", 0);
            for (String node : nodes) {
                TestJars.drop(callerBundle(counts.resolve(node)), fleet.folder().resolve(node + "-deploy"),
                        "caller.jar");
            }
            Thread.sleep(1_000);

            var plain = new ArrayList<Long>();
            var staged = new ArrayList<Long>();
            var failing = new ArrayList<Long>();
            String serving = "1.0.0";
            for (int round = 0; round < ROUNDS; round++) {
                String next = "2.0." + round;
                fleet.publish(PLUGIN, next);
                long asked = System.currentTimeMillis();
                fleet.ok("n" + (1 + round % NODES), "hot:rollout " + PLUGIN + " " + next);
                plain.add(awaitAll(zk, nodes, next, asked) - asked);
                awaitPhase(zk, "COMPLETED");
                serving = next;

                next = "3.0." + round;
                fleet.publish(PLUGIN, next);
                asked = System.currentTimeMillis();
                fleet.ok("n1", "hot:rollout --canary 1 --waves '50%' --bake 2 " + PLUGIN + " " + next);
                staged.add(awaitAll(zk, nodes, next, asked) - asked);
                awaitPhase(zk, "COMPLETED");
                serving = next;

                next = "4.0." + round;
                fleet.publish(PLUGIN, next, Map.of("Fixture-Behaviour", "fail-activation"));
                asked = System.currentTimeMillis();
                fleet.ok("n2", "hot:rollout --canary 1 --bake 2 " + PLUGIN + " " + next);
                long failed = awaitCanaryFailure(zk, nodes.get(0), next, asked);
                failing.add(awaitAll(zk, nodes, serving, failed) - failed);
                awaitPhase(zk, "HALTED");
            }
            Thread.sleep(500);
            long ok = 0;
            long failedCalls = 0;
            for (String node : nodes) {
                String[] okFailed = Files.readString(counts.resolve(node)).trim().split(" ");
                ok += Long.parseLong(okFailed[0]);
                failedCalls += Long.parseLong(okFailed[1]);
            }
            String summary = String.format("nodes=%d rounds=%d%n"
                    + "rollout.no.canary.ms=%s%nrollout.canary.two.waves.bake2s.ms=%s%n"
                    + "failing.canary.to.all.previous.ms=%s%ncalls.ok=%d%ncalls.failed=%d", NODES, ROUNDS, plain,
                    staged, failing, ok, failedCalls);
            System.out.println("[bench] " + summary.replace("\n", "\n[bench] "));
            Results.figures("fleet", summary.split("\n"));
            assertTrue("calls were made", ok > 0);
            assertEquals("calls through hot handles that failed", 0, failedCalls);
        }
    }

    /** Waits until every node reports serving {@code version}; returns the latest of their report times. */
    private static long awaitAll(CuratorFramework zk, List<String> nodes, String version, long since)
            throws Exception {
        Pattern serving = Pattern.compile("\"" + Pattern.quote(PLUGIN) + "\":\\{\"version\":\"" + Pattern.quote(version)
                + "\",[^}]*\"targetVersion\":\"" + Pattern.quote(version) + "\",[^}]*\"outcome\":\"SERVING\",[^}]*\"time\":(\\d+)");
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            long latest = 0;
            int count = 0;
            for (String node : nodes) {
                Matcher m = serving.matcher(status(zk, node));
                if (m.find()) {
                    count++;
                    latest = Math.max(latest, Long.parseLong(m.group(1)));
                }
            }
            if (count == nodes.size()) {
                return Math.max(latest, since);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("not every node served " + version + " within " + TIMEOUT_MS + " ms");
    }

    /** Waits until the plugin's rollout is in the phase (the last wave's bake done, say). */
    private static void awaitPhase(CuratorFramework zk, String phase) throws Exception {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            String rollout = new String(zk.getData().forPath("/hotbundle/fleets/default/rollouts/" + PLUGIN),
                    StandardCharsets.UTF_8);
            if (rollout.contains("\"phase\":\"" + phase + "\"")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the rollout did not reach " + phase);
    }

    /** The time the canary reported rolling {@code version} back. */
    private static long awaitCanaryFailure(CuratorFramework zk, String canary, String version, long since)
            throws Exception {
        Pattern rolledBack = Pattern.compile("\"targetVersion\":\"" + Pattern.quote(version)
                + "\",[^}]*\"outcome\":\"ROLLED_BACK\",[^}]*\"time\":(\\d+)");
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            Matcher m = rolledBack.matcher(status(zk, canary));
            if (m.find()) {
                return Long.parseLong(m.group(1));
            }
            Thread.sleep(5);
        }
        throw new AssertionError(canary + " did not report rolling " + version + " back");
    }

    private static String status(CuratorFramework zk, String node) throws Exception {
        try {
            return new String(zk.getData().forPath("/hotbundle/fleets/default/status/" + node), StandardCharsets.UTF_8);
        } catch (org.apache.zookeeper.KeeperException.NoNodeException e) {
            return "";
        }
    }

    /** The caller bundle ({@link HandleCaller}), told which plugin to call and where to write its counts. */
    private static byte[] callerBundle(Path counts) throws Exception {
        var manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "fleet.bench.caller");
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Bundle-Activator", HandleCaller.class.getName());
        main.putValue("Import-Package", "org.osgi.framework,io.hotbundle.api,io.hotbundle.api.example");
        main.putValue("Fleet-Plugin", PLUGIN);
        main.putValue("Fleet-Counts", counts.toString());
        String entry = HandleCaller.class.getName().replace('.', '/') + ".class";
        var bytes = new ByteArrayOutputStream();
        try (var jar = new JarOutputStream(bytes, manifest);
                InputStream in = HandleCaller.class.getClassLoader().getResourceAsStream(entry)) {
            jar.putNextEntry(new JarEntry(entry));
            in.transferTo(jar);
        }
        return bytes.toByteArray();
    }
}
