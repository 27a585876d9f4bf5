package io.hotbundle.itests.fleet;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

import io.hotbundle.itests.ContainerProcess;
import io.hotbundle.itests.Hotbundle;

/** Without --fleet, the fleet's bundle holds nothing: no thread, no connection; its commands say so in one line. */
public class FleetModeOffIT {

    @Test
    public void aContainerStartedWithoutFleetRunsNoThreadOfTheFleetAndItsCommandsSaySo() throws Exception {
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

            Hotbundle.Result fleet = Hotbundle.run(null, "exec", "hot:fleet", "--work", work.toString());
            assertEquals(fleet.output(), 1, fleet.status());
            assertEquals("error: fleet mode is off: start the container with --fleet HOST:PORT, or set connect in "
                    + "etc/io.hotbundle.fleet.cfg", fleet.output().trim());
        }
    }
}
