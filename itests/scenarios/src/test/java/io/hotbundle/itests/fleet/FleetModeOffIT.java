package io.hotbundle.itests.fleet;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

import io.hotbundle.itests.ContainerProcess;
import io.hotbundle.itests.Hotbundle;

/**
 * Without --fleet (or a ZooKeeper in etc/io.hotbundle.fleet.cfg), the fleet's bundle is not even installed: no
 * thread, no connection, no memory of it; its commands are unknown, in one line.
 */
public class FleetModeOffIT {

    @Test
    public void aContainerStartedWithoutFleetHasNoFleetBundleNoThreadAndNoFleetCommands() throws Exception {
        Path folder = Hotbundle.scratchFolder("fleet-off-");
        Path work = folder.resolve("work");
        try (ContainerProcess container = ContainerProcess.start(folder.resolve("deploy"), work, "")) {
            Process dump = new ProcessBuilder("jcmd", String.valueOf(container.pid()), "Thread.print")
                    .redirectErrorStream(true).start();
            String threads = new String(dump.getInputStream().readAllBytes());
            assertTrue("jcmd finished", dump.waitFor(60, TimeUnit.SECONDS));
            assertTrue(threads, threads.contains("hotbundle"));
            assertFalse(threads, threads.contains("hotbundle-fleet"));
            assertFalse(threads, threads.contains("SendThread"));

            Hotbundle.Result bundles = Hotbundle.run(null, "exec", "lb -s", "--work", work.toString());
            assertEquals(bundles.output(), 0, bundles.status());
            assertTrue(bundles.output(), bundles.output().contains("io.hotbundle.container"));
            assertFalse(bundles.output(), bundles.output().contains("io.hotbundle.fleet"));

            Hotbundle.Result fleet = Hotbundle.run(null, "exec", "hot:fleet", "--work", work.toString());
            assertEquals(fleet.output(), 1, fleet.status());
            assertEquals(fleet.output(), 1, fleet.output().trim().lines().count());
            assertTrue(fleet.output(), fleet.output().startsWith("error: Command not found: hot:fleet"));
        }
    }
}
