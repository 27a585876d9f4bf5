package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
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
        TestJars.drop(TestJars.withHeaders(ContainerTestSupport.fixture(), Map.of("Bundle-Version", "1.0.1",
                "Fixture-Behaviour", "spin-activation")), deploy, "greeter.jar");
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
        java.nio.file.Files.delete(deploy.resolve("greeter.jar"));
        Hotbundle next = start();
        next.awaitLine("the counter's second activation, from its saved state",
                Pattern.compile("\\[counter\\] v1 activation 2, count 0"));
        next.stop();
        assertEquals(next.describe(), 0, next.awaitExit());
    }

    private Hotbundle start() throws IOException {
        Hotbundle container = Hotbundle.start("--no-console", "--deploy", deploy.toString(), "--work", work.toString());
        started.add(container);
        return container;
    }
}
