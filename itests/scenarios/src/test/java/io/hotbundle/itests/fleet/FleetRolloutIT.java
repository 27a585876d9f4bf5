package io.hotbundle.itests.fleet;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import io.hotbundle.itests.TestJars;

/**
 * Rollouts on a fleet of three containers (real processes) and a three-server ZooKeeper ensemble: one reaches
 * every node; a canary that rolls back halts it before any other node takes it; a failure in the second wave
 * puts the first wave back; bytes that do not match their digest are refused on every node. Each scenario rolls
 * out a plugin of its own, so they share the fleet without touching each other.
 */
public class FleetRolloutIT {

    private static final Duration LONG = Duration.ofSeconds(60);
    private static final List<String> NODES = List.of("n1", "n2", "n3");
    private static final String MARKER = "fleet.marker";
    private static FleetSetup fleet;

    @BeforeClass
    public static void startFleet() throws Exception {
        fleet = new FleetSetup("fleet-rollout", 3);
        // n1 alone hosts this library: a build that needs it serves there and nowhere else.
        fleet.start("n1", fleet.library(MARKER));
        fleet.start("n2");
        fleet.start("n3");
    }

    @AfterClass
    public static void stopFleet() throws Exception {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    public void aRolloutWithACanaryAndWavesReachesEveryNode() throws Exception {
        String plugin = "fleet.reach";
        fleet.publish(plugin, "1.0.0");
        fleet.publish(plugin, "2.0.0");
        installEverywhere(plugin);

        String asked = fleet.ok("n2", "hot:rollout --canary 1 --waves 1 --bake 1 " + plugin + " 2.0.0");
        assertTrue(asked, asked.contains("rollout 2 of " + plugin + " 1.0.0 -> 2.0.0"));
        for (String node : NODES) {
            fleet.awaitServing(node, plugin, "2.0.0", LONG);
        }
        String view = fleet.awaitOutput("n3", "hot:fleet", Pattern.compile("rollout 2 of " + Pattern.quote(plugin)
                + " 1.0.0 -> 2.0.0: completed, wave 3 of 3 \\[\\[n1\\], \\[n2\\], \\[n3\\]\\].*"), LONG, "completed");
        assertTrue(view, view.contains("desired: ") && view.contains(plugin + " 2.0.0"));
        for (String node : NODES) {
            Pattern row = Pattern.compile(node + "\\s+live\\s+" + Pattern.quote(plugin) + "\\s+2.0.0\\s+serving\\s.*");
            assertTrue(view, view.lines().anyMatch(l -> row.matcher(l).matches()));
        }
        String list = fleet.ok("n3", "hot:list");
        assertTrue(list, list.contains("fleet: " + plugin + ".jar"));
    }

    @Test
    public void aCanaryThatRollsBackHaltsTheRolloutAndNoOtherNodeTakesIt() throws Exception {
        String plugin = "fleet.canary";
        fleet.publish(plugin, "1.0.0");
        fleet.publish(plugin, "2.0.0", Map.of("Fixture-Behaviour", "fail-activation"));
        installEverywhere(plugin);

        fleet.ok("n1", "hot:rollout --canary 1 --bake 1 " + plugin + " 2.0.0");
        String view = fleet.awaitOutput("n2", "hot:fleet", Pattern.compile("rollout 2 of " + Pattern.quote(plugin)
                + " 1.0.0 -> 2.0.0: halted, wave 1 of 2 .*n1 rolled back 2.0.0: .*fail on activation.*"), LONG, "halted");
        for (String node : NODES) {
            fleet.awaitServing(node, plugin, "1.0.0", LONG);
        }
        for (String node : List.of("n2", "n3")) {
            assertFalse(node + " never tried 2.0.0", fleet.node(node).output().stream()
                    .anyMatch(l -> l.contains(plugin) && l.contains("2.0.0")));
        }
        assertTrue(view, view.contains("desired: ") && view.contains(plugin + " 1.0.0"));
    }

    @Test
    public void aFailureInTheSecondWavePutsTheFirstWaveBack() throws Exception {
        String plugin = "fleet.waves";
        fleet.publish(plugin, "1.0.0");
        // Serves only where the marker library is: on n1, the first wave; n2 and n3 roll it back.
        fleet.publish(plugin, "2.0.0", Map.of("Import-Package", importsOfGreeter() + "," + MARKER));
        installEverywhere(plugin);

        fleet.ok("n3", "hot:rollout --waves 1 --bake 1 " + plugin + " 2.0.0");
        fleet.node("n1").awaitLine("n1 took the first wave", Pattern.compile(".* swapped " + Pattern.quote(plugin)
                + " 1.0.0 -> 2.0.0 .*"), LONG);
        fleet.awaitOutput("n1", "hot:fleet", Pattern.compile("rollout 2 of " + Pattern.quote(plugin)
                + " 1.0.0 -> 2.0.0: halted, wave 2 of 2 .*rolled back 2.0.0.*"), LONG, "halted in the second wave");
        fleet.node("n1").awaitLine("n1 put back", Pattern.compile(".* swapped " + Pattern.quote(plugin)
                + " 2.0.0 -> 1.0.0 .*"), LONG);
        for (String node : NODES) {
            fleet.awaitServing(node, plugin, "1.0.0", LONG);
        }
    }

    @Test
    public void bytesThatDoNotMatchTheirPublishedDigestAreRefusedOnEveryNode() throws Exception {
        String plugin = "fleet.digest";
        fleet.publish(plugin, "1.0.0");
        fleet.publish(plugin, "2.0.0");
        installEverywhere(plugin);
        // The repository now serves other bytes under 2.0.0 than the ones whose digest it published.
        byte[] tampered = TestJars.withHeaders(TestJars.reactorJar("hotbundle.fixture.greeter"),
                Map.of("Bundle-SymbolicName", plugin, "Bundle-Version", "2.0.0", "Fixture-Behaviour", "tampered"));
        Files.write(fleet.jar(plugin, "2.0.0"), tampered);

        fleet.ok("n1", "hot:rollout --failures 2 " + plugin + " 2.0.0");
        for (String node : NODES) {
            fleet.node(node).awaitLine(node + " refusing it", Pattern.compile(".* fleet: refused " + Pattern.quote(plugin)
                    + " 2.0.0: digest mismatch: the repository's .* has SHA-256 " + FleetSetup.sha256(tampered)
                    + ", the fleet asks for .*"), LONG);
        }
        fleet.awaitOutput("n2", "hot:fleet", Pattern.compile("rollout 2 of " + Pattern.quote(plugin)
                + " 1.0.0 -> 2.0.0: halted.*digest mismatch.*"), LONG, "halted");
        for (String node : NODES) {
            fleet.awaitServing(node, plugin, "1.0.0", LONG);
            assertFalse(fleet.node(node).output().stream().anyMatch(l -> l.contains("swapped " + plugin)));
        }
    }

    /** Rolls 1.0.0 out as the plugin's first release and waits until every node serves it. */
    private static void installEverywhere(String plugin) throws Exception {
        String asked = fleet.ok("n1", "hot:rollout " + plugin + " 1.0.0");
        assertTrue(asked, asked.contains("rollout 1 of " + plugin + " (new) -> 1.0.0"));
        for (String node : NODES) {
            fleet.awaitServing(node, plugin, "1.0.0", LONG);
        }
        fleet.awaitOutput("n1", "hot:fleet", Pattern.compile("rollout 1 of " + Pattern.quote(plugin)
                + " \\(new\\) -> 1.0.0: completed.*"), LONG, "the first release completed");
    }

    private static String importsOfGreeter() throws Exception {
        try (var jar = new java.util.jar.JarFile(TestJars.reactorJar("hotbundle.fixture.greeter").toFile())) {
            return jar.getManifest().getMainAttributes().getValue("Import-Package");
        }
    }

}
