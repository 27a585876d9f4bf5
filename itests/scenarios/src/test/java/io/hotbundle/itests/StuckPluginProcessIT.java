package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Issue 11, case 3, as an operator sees it: a container with a bundle left behind (its activation spins for ever
 * and ignores interrupts) still stops on SIGTERM within a bounded time, and saves the state of the plugins that
 * serve as it stops.
 */
public class StuckPluginProcessIT {

    /** The launcher's own bound on a framework that does not stop (30 s), and room to print and exit. */
    private static final long STOP_BOUND_SECONDS = 40;

    private Path deploy;
    private Path work;
    private final List<Hotbundle> started = new ArrayList<>();

    @Before
    public void folders() throws IOException {
        deploy = Hotbundle.scratchFolder("stuck-deploy-");
        work = Hotbundle.scratchFolder("stuck-work-");
    }

    @After
    public void stopLeftovers() {
        started.forEach(Hotbundle::close);
    }

    @Test
    public void withABundleLeftBehindSigtermStillStopsTheContainerInBoundedTimeAndStateIsSaved() throws Exception {
        TestJars.drop(ContainerTestSupport.fixture(), deploy, "greeter.jar");
        TestJars.drop(TestJars.reactorJar("hotbundle.fixture.counter.v1"), deploy, "counter.jar");
        Hotbundle container = start();
        container.awaitLine("the ready line", Pattern.compile("hotbundle ready in \\d+ ms, .* \\(2 plugins\\)"));
        container.awaitLine("the counter's activation", Pattern.compile("\\[counter\\] v1 activation 1, count 0"));
        TestJars.drop(spinning(), deploy, "greeter.jar");
        container.awaitLine("the rollback", Pattern.compile(".* swap of io\\.hotbundle\\.fixture\\.greeter to 1\\.0\\.1 "
                + "failed: .*; rolled back, 1\\.0\\.0 serves again"));

        long stopping = System.nanoTime();
        container.stop();

        assertTrue("exited within " + STOP_BOUND_SECONDS + " s of SIGTERM; " + container.describe(),
                container.process().waitFor(STOP_BOUND_SECONDS, TimeUnit.SECONDS));
        long tookSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - stopping);
        int status = container.process().exitValue();
        System.out.println("[stuck] stopped with status " + status + " in " + tookSeconds + " s");
        assertTrue(container.describe(), status == 0 ? container.output().contains("hotbundle stopped")
                : container.output().stream().anyMatch(l -> l.startsWith("hotbundle: the framework did not stop within")));
        // The counter handed its state off as the container stopped: the next start restores it. (Without the
        // spinning build, which the next start would try again, at the cost of one more activation timeout.)
        Files.delete(deploy.resolve("greeter.jar"));
        Hotbundle next = start();
        next.awaitLine("the counter's second activation, from its saved state",
                Pattern.compile("\\[counter\\] v1 activation 2, count 0"));
        next.stop();
        assertEquals(next.describe(), 0, next.awaitExit());
    }

    /**
     * The same bound when the stop comes from inside ({@code stop 0} through {@code exec}, or Ctrl-C at the
     * console) rather than from a signal the launcher handled: whoever stops the framework, the process ends.
     */
    @Test
    public void withABundleLeftBehindStopZeroFromTheConsoleStillEndsTheProcessInBoundedTime() throws Exception {
        TestJars.drop(ContainerTestSupport.fixture(), deploy, "greeter.jar");
        Hotbundle container = start();
        container.awaitLine("the ready line", Pattern.compile("hotbundle ready in \\d+ ms, .* \\(1 plugin\\)"));
        TestJars.drop(spinning(), deploy, "greeter.jar");
        container.awaitLine("the rollback", Pattern.compile(".* swap of io\\.hotbundle\\.fixture\\.greeter to 1\\.0\\.1 "
                + "failed: .*; rolled back, 1\\.0\\.0 serves again"));

        Hotbundle.run(null, "exec", "stop 0", "--deploy", deploy.toString(), "--work", work.toString());

        assertTrue("exited within " + STOP_BOUND_SECONDS + " s of stop 0; " + container.describe(),
                container.process().waitFor(STOP_BOUND_SECONDS, TimeUnit.SECONDS));
        int status = container.process().exitValue();
        assertTrue(container.describe(), status == 0 ? container.output().contains("hotbundle stopped")
                : container.output().stream().anyMatch(l -> l.startsWith("hotbundle: the framework did not stop within")));
    }

    /**
     * A build that was rolled back is not tried again until its file changes, and a restart is no change of the
     * file: for a build whose activation spins, trying it again would cost an activation timeout at every start
     * and a core for as long as the process lives.
     */
    @Test
    public void aRestartDoesNotStartAgainTheBuildThatWasRolledBack() throws Exception {
        Path etc = Files.createDirectories(work.resolveSibling(work.getFileName() + "-etc"));
        Files.setPosixFilePermissions(etc, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(etc.resolve("io.hotbundle.deployer.cfg"), "activation.timeout.ms=1000\n");
        TestJars.drop(ContainerTestSupport.fixture(), deploy, "greeter.jar");
        Hotbundle first = start("--etc", etc.toString());
        first.awaitLine("the ready line", Pattern.compile("hotbundle ready in \\d+ ms, .* \\(1 plugin\\)"));
        TestJars.drop(spinning(), deploy, "greeter.jar");
        first.awaitLine("the rollback", Pattern.compile(".* swap of io\\.hotbundle\\.fixture\\.greeter to 1\\.0\\.1 "
                + "failed: .*; rolled back, 1\\.0\\.0 serves again"));
        first.stop();
        first.awaitExit();

        Hotbundle second = start("--etc", etc.toString());

        second.awaitLine("the last good version", Pattern.compile(".* io\\.hotbundle\\.fixture\\.greeter: the last "
                + "good version 1\\.0\\.0 serves, since 1\\.0\\.1 does not"));
        second.awaitLine("the ready line", Pattern.compile("hotbundle ready in \\d+ ms, .* \\(1 plugin\\)"));
        assertTrue("1.0.1 was not started again: " + second.output(), second.output().stream()
                .noneMatch(l -> l.contains("did not finish") || l.contains("left behind")));
        second.stop();
        assertEquals(second.describe(), 0, second.awaitExit());
    }

    private static byte[] spinning() throws IOException {
        return TestJars.withHeaders(ContainerTestSupport.fixture(), Map.of("Bundle-Version", "1.0.1",
                "Fixture-Behaviour", "spin-activation"));
    }

    private Hotbundle start(String... more) throws IOException {
        var args = new ArrayList<>(List.of("--no-console", "--deploy", deploy.toString(), "--work", work.toString()));
        args.addAll(List.of(more));
        Hotbundle container = Hotbundle.start(args.toArray(String[]::new));
        started.add(container);
        return container;
    }
}
