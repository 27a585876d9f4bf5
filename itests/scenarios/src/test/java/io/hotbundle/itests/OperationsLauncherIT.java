package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The operator's side of the launcher run as a real process with the {@code hotbundle} script: no port opens with
 * the default configuration (read from outside, in {@code /proc}); settings that would open HTTP without a console
 * password refuse the start in one line; the console stays short while the log file names every line's bundle.
 */
public class OperationsLauncherIT {

    private static final Pattern READY = Pattern.compile("hotbundle ready in \\d+ ms, watching .+/ \\(\\d+ plugins?\\)");
    private static final Pattern SHORT_DEPLOYED = Pattern.compile(
            "\\d\\d:\\d\\d:\\d\\d INFO deployed io\\.hotbundle\\.fixture\\.greeter 1\\.0\\.0 from greeter\\.jar .*");

    private Path deploy;
    private Path work;
    private Path etc;
    private Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();

    @Before
    public void folders() throws IOException {
        Path scratch = Files.createDirectories(Path.of(System.getProperty("hotbundle.scratch", "target/scratch")));
        deploy = Files.createTempDirectory(scratch, "ops-deploy-");
        work = Files.createTempDirectory(scratch, "ops-work-");
        etc = Files.createTempDirectory(scratch, "ops-etc-");
    }

    @After
    public void killLeftovers() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    @Test
    public void noPortIsOpenWithTheDefaultConfigurationAndLinesAreShortOnTheConsoleAndWholeInTheFile()
            throws Exception {
        TestJars.drop(TestJars.reactorJar("hotbundle.fixture.greeter"), deploy, "greeter.jar");
        start();
        await("the ready line", READY);
        await("the short deployment line", SHORT_DEPLOYED);

        assertEquals("listening sockets of process " + process.pid(), Set.of(), listeningPorts(process.pid()));
        String file = Files.readString(work.resolve("log").resolve("hotbundle.log"));
        assertTrue(file, Pattern.compile("(?m)^\\S+ INFO  \\[hotbundle-deployer\\] io\\.hotbundle\\.container \\S+ hotbundle"
                + " - deployed io\\.hotbundle\\.fixture\\.greeter 1\\.0\\.0 from greeter\\.jar").matcher(file).find());

        process.toHandle().destroy();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue());
    }

    /** A plugin whose activation throws: the console says so in lines, the file keeps the stack traces. */
    @Test
    public void aFailingActivationIsShortOnTheConsoleAndItsStackTraceIsInTheFile() throws Exception {
        TestJars.drop(TestJars.reactorJar("hotbundle.fixture.counter.v1"), deploy, "counter.jar");
        start();
        await("the ready line", READY);
        TestJars.drop(TestJars.withHeaders(TestJars.reactorJar("hotbundle.fixture.counter.v2"),
                java.util.Map.of("Fixture-Behaviour", "restore-wrong-type")), deploy, "counter.jar");
        await("the rollback line", Pattern.compile(".* swap of io\\.hotbundle\\.fixture\\.counter .*rolled back.*"));

        assertTrue(output.toString(), output.stream().noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception:")
                && !l.matches("\\d\\d:\\d\\d:\\d\\d .*")));
        Path log = work.resolve("log").resolve("hotbundle.log");
        Await.until("the stack trace in the file", () -> {
            try {
                return Files.readString(log).contains("\tat io.hotbundle.fixture.counter.");
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    @Test
    public void httpWithoutAConsolePasswordRefusesTheStartInOneLine() throws Exception {
        Files.writeString(etc.resolve("io.hotbundle.http.cfg"), "http.port = 18199\n");
        start();

        assertTrue("the launcher exits at once", process.waitFor(60, TimeUnit.SECONDS));
        assertEquals("exit status; output: " + output, 1, process.exitValue());
        Await.until("the output to be read", () -> !output.isEmpty());
        assertEquals(output.toString(), 1, output.size());
        assertTrue(output.get(0), output.get(0).startsWith("hotbundle: io.hotbundle.http turns HTTP on (http.port=18199)"
                + " without console.password"));
    }

    @Test
    public void httpOnInEtcOpensOneLoopbackPortForMetricsHealthAndTheConsoleBehindThePassword() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.writeString(etc.resolve("io.hotbundle.http.cfg"), "http.port = " + port + "\nconsole.password = "
                + "launcher-s3cret\n");
        start();
        await("the ready line", READY);
        String base = "http://127.0.0.1:" + port;

        Await.until("/system/health to answer 200", () -> status(base + "/system/health", null) == 200);
        assertEquals(200, status(base + "/metrics", null));
        assertEquals(401, status(base + "/system/console/hotbundle", null));
        assertEquals(401, status(base + "/system/console/hotbundle", "admin:admin"));
        assertEquals(200, status(base + "/system/console/hotbundle", "hotbundle:launcher-s3cret"));
        assertEquals(Set.of(port), listeningPorts(process.pid()));
    }

    @Test
    public void aPortAnotherProcessHoldsLeavesHttpOffInOneLineAndTheContainerRuns() throws Exception {
        try (var taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Files.writeString(etc.resolve("io.hotbundle.http.cfg"), "http.port = " + port + "\nconsole.password = "
                    + "launcher-s3cret\n");
            start();
            await("the ready line", READY);
            await("the refusal", Pattern.compile(".*HTTP stays off: 127\\.0\\.0\\.1:" + port + " cannot be listened on .*"));

            assertTrue(output.toString(), output.stream().noneMatch(l -> l.contains("HTTP on ")));
            assertTrue(output.toString(), output.stream().noneMatch(l -> l.contains("Exception")));
            assertEquals(Set.of(), listeningPorts(process.pid()));
        }
    }

    @Test
    public void theDefaultConsolePasswordIsRefusedToo() throws Exception {
        Files.writeString(etc.resolve("io.hotbundle.http.cfg"), "http.port=18199\nconsole.password=admin\n");
        start();

        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, process.exitValue());
        assertTrue(output.toString(), output.get(0).contains("the default web console password 'admin' is refused"));
    }

    /** The TCP ports the process listens on, from /proc: the sockets among its open files that are LISTENing. */
    static Set<Integer> listeningPorts(long pid) throws IOException {
        var inodes = new HashSet<String>();
        try (var fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        var ports = new HashSet<Integer>();
        for (String table : List.of("tcp", "tcp6")) {
            Path file = Path.of("/proc", String.valueOf(pid), "net", table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
                String[] fields = line.trim().split("\\s+");
                // local_address is ip:port in hex; st 0A is LISTEN; the inode is the tenth field
                if (fields[3].equals("0A") && inodes.contains(fields[9])) {
                    ports.add(Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }

    private static int status(String url, String credentials) {
        try {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                    .timeout(java.time.Duration.ofSeconds(5));
            if (credentials != null) {
                request.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        credentials.getBytes(StandardCharsets.UTF_8)));
            }
            return java.net.http.HttpClient.newHttpClient().send(request.build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private void start() throws IOException {
        var command = new ArrayList<>(List.of("bash", System.getProperty("hotbundle.script"), "--no-console",
                "--deploy", deploy.toString(), "--work", work.toString(), "--etc", etc.toString()));
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        process = builder.start();
        Process started = process;
        Thread reader = new Thread(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    output.add(line);
                }
            } catch (IOException e) {
                output.add("(output closed: " + e + ")");
            }
        }, "launcher-output");
        reader.setDaemon(true);
        reader.start();
    }

    private void await(String what, Pattern pattern) {
        try {
            Await.until(what, () -> output.stream().anyMatch(l -> pattern.matcher(l).matches()));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; output: " + output, e);
        }
    }
}
