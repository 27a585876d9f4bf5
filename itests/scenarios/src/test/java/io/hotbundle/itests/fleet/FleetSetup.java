package io.hotbundle.itests.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.curator.test.TestingCluster;

import io.hotbundle.itests.ContainerProcess;
import io.hotbundle.itests.Hotbundle;
import io.hotbundle.itests.TestJars;

/**
 * A fleet as an operator sets one up, on this machine: a ZooKeeper ensemble of real servers in process
 * ({@link TestingCluster}), a Maven repository in a folder holding builds of the greeter fixture, and containers
 * started with {@code ./hotbundle --fleet ... --node ... --etc ...} whose {@code etc/io.hotbundle.fleet.cfg} names
 * the repository. Operators' commands go through {@code ./hotbundle exec} on any node.
 */
public final class FleetSetup implements AutoCloseable {

    public static final String GROUP = "com.acme.fleet";
    private static final Pattern READY = Pattern.compile("hotbundle ready in \\d+ ms, watching .+");

    private final Path folder;
    private final Path repository;
    private final Path etc;
    private final TestingCluster zookeeper;
    private final Map<String, ContainerProcess> nodes = new LinkedHashMap<>();

    public FleetSetup(String name, int servers) throws Exception {
        this.folder = Hotbundle.scratchFolder(name + "-");
        this.repository = Files.createDirectories(folder.resolve("repository"));
        this.etc = Files.createDirectories(folder.resolve("etc"));
        this.zookeeper = new TestingCluster(servers);
        zookeeper.start();
        Files.writeString(etc.resolve("io.hotbundle.fleet.cfg"), "repository = " + repository.toUri() + "\n"
                + "group = " + GROUP + "\n"
                + "session.timeout.ms = 4000\n"
                + "connection.timeout.ms = 2000\n");
    }

    public TestingCluster zookeeper() {
        return zookeeper;
    }

    public Path folder() {
        return folder;
    }

    /** Starts a node (or starts it again, on the same folders), with extra jars in its deploy folder. */
    public ContainerProcess start(String node, Path... deployed) throws IOException {
        Path deploy = Files.createDirectories(folder.resolve(node + "-deploy"));
        for (Path jar : deployed) {
            TestJars.drop(jar, deploy, jar.getFileName().toString());
        }
        var command = new ArrayList<>(List.of("bash", Hotbundle.script(), "--no-console", "--deploy", deploy.toString(),
                "--work", work(node).toString(), "--etc", etc.toString(), "--fleet", zookeeper.getConnectString(),
                "--node", node));
        ContainerProcess process = ContainerProcess.start(command, Map.of(), READY);
        nodes.put(node, process);
        return process;
    }

    public ContainerProcess node(String node) {
        return nodes.get(node);
    }

    public Path work(String node) {
        return folder.resolve(node + "-work");
    }

    /** Kills a node as a crash would: SIGKILL, nothing cleaned up. */
    public void kill(String node) throws Exception {
        ContainerProcess process = nodes.remove(node);
        process.signal("KILL");
        Thread.sleep(200);
        process.close();
    }

    /** {@code ./hotbundle exec COMMAND} on a node: its output, or the failure with it. */
    public Hotbundle.Result exec(String node, String command) throws Exception {
        return Hotbundle.run(null, "exec", command, "--work", work(node).toString());
    }

    /** {@link #exec} that must succeed. */
    public String ok(String node, String command) throws Exception {
        Hotbundle.Result result = exec(node, command);
        if (result.status() != 0) {
            throw new AssertionError("'" + command + "' on " + node + " failed: " + result.output());
        }
        return result.output();
    }

    /**
     * Publishes a build of the greeter fixture as {@code GROUP:plugin:version} (Bundle-SymbolicName {@code plugin},
     * Bundle-Version {@code version}), with the repository's {@code .sha256} beside it.
     *
     * @return its SHA-256
     */
    public String publish(String plugin, String version, Map<String, String> moreHeaders) throws IOException {
        var headers = new LinkedHashMap<String, String>(moreHeaders);
        headers.put("Bundle-SymbolicName", plugin);
        headers.put("Bundle-Version", version);
        byte[] jar = TestJars.withHeaders(TestJars.reactorJar("hotbundle.fixture.greeter"), headers);
        Path file = jar(plugin, version);
        Files.createDirectories(file.getParent());
        Files.write(file, jar);
        String digest = sha256(jar);
        Files.writeString(Path.of(file + ".sha256"), digest + "\n", StandardCharsets.US_ASCII);
        return digest;
    }

    public String publish(String plugin, String version) throws IOException {
        return publish(plugin, version, Map.of());
    }

    /** Where the repository keeps a build. */
    public Path jar(String plugin, String version) {
        return repository.resolve(GROUP.replace('.', '/')).resolve(plugin).resolve(version)
                .resolve(plugin + "-" + version + ".jar");
    }

    /**
     * Waits (bounded) until {@code hot:list} on the node shows the plugin at the version, serving (or serving
     * again after the container rolled a newer build back, which it shows as rolled back).
     */
    public void awaitServing(String node, String plugin, String version, Duration timeout) throws Exception {
        Pattern row = Pattern.compile("\\s*\\d+\\s+" + Pattern.quote(plugin) + "\\s+" + Pattern.quote(version)
                + "\\s+plugin\\s+(serving|rolled back)\\s+\\d+\\s*");
        awaitOutput(node, "hot:list", row, timeout, node + " serving " + plugin + " " + version);
    }

    /** Waits (bounded) until a command's output on a node has a line matching {@code line} entirely. */
    public String awaitOutput(String node, String command, Pattern line, Duration timeout, String what)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = exec(node, command).output();
            if (last.lines().anyMatch(l -> line.matcher(l).matches())) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what + "; '" + command
                + "' on " + node + " says:\n" + last);
    }

    /**
     * A library bundle that exports {@code package} and holds nothing else: a build that imports it resolves only
     * on a node whose deploy folder has it.
     */
    public Path library(String name) throws IOException {
        var manifest = new java.util.jar.Manifest();
        var main = manifest.getMainAttributes();
        main.put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", name);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Export-Package", name + ";version=1.0.0");
        Path jar = folder.resolve(name + ".jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new java.util.jar.JarEntry(name.replace('.', '/') + "/marker.txt"));
            out.write("a package to import\n".getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        for (ContainerProcess process : nodes.values()) {
            process.close();
        }
        nodes.clear();
        zookeeper.close();
    }
}
