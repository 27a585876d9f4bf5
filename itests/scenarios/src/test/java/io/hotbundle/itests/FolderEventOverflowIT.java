package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.Test;

/**
 * More changes at once than Linux queues events for (16,384 by default): the kernel drops the rest and says
 * so, and the container looks at the whole folder instead. Nothing is lost: not a jar added, changed or
 * deleted among the dropped events. The container runs as a process, stopped (SIGSTOP) while the folder
 * changes, so that the events pile up for certain.
 */
public class FolderEventOverflowIT {

    private static final int NOISE = 20_000;

    @Test
    public void changesWhoseEventsOverflowedAreAllTakenAtOnce() throws Exception {
        Path scratch = Files.createDirectories(Path.of(System.getProperty("hotbundle.scratch", "target/scratch")));
        Path deploy = Files.createTempDirectory(scratch, "overflow-deploy-");
        Path work = Files.createTempDirectory(scratch, "overflow-work-");
        for (String name : new String[] {"a", "b"}) {
            TestJars.drop(plugin(name, "1.0.0"), deploy, name + ".jar");
        }
        try (var container = ContainerProcess.start(deploy, work, "")) {
            container.awaitLine("both plugins", Pattern.compile("hotbundle ready in .* \\(2 plugins\\)"));

            container.signal("STOP");
            // Hidden names, which both ways of watching ignore: only their events count.
            for (int i = 0; i < NOISE; i++) {
                Files.createFile(deploy.resolve(".noise-" + i));
            }
            Files.delete(deploy.resolve("a.jar"));
            TestJars.drop(plugin("b", "1.0.1"), deploy, "b.jar");
            TestJars.drop(plugin("c", "1.0.0"), deploy, "c.jar");
            container.signal("CONT");

            container.awaitLine("the whole folder looked at", Pattern.compile(".*events were lost \\(too many "
                    + "changes at once\\) in .*: looked at the whole folder, 3 changed jar\\(s\\) found"));
            container.awaitLine("a removed", Pattern.compile(".*removed io\\.hotbundle\\.fixture\\.a 1\\.0\\.0.*"));
            container.awaitLine("b swapped",
                    Pattern.compile(".*swapped io\\.hotbundle\\.fixture\\.b 1\\.0\\.0 -> 1\\.0\\.1.*"));
            container.awaitLine("c deployed", Pattern.compile(".*deployed io\\.hotbundle\\.fixture\\.c 1\\.0\\.0.*"));
            assertEquals(container.output().toString(), 1,
                    container.output().stream().filter(l -> l.contains("events were lost")).count());
        } finally {
            try (var files = Files.newDirectoryStream(deploy, ".noise-*")) {
                for (Path noise : files) {
                    Files.delete(noise);
                }
            }
        }
    }

    private static byte[] plugin(String name, String version) throws Exception {
        return TestJars.withHeaders(TestJars.reactorJar("hotbundle.fixture.greeter"),
                Map.of("Bundle-SymbolicName", "io.hotbundle.fixture." + name, "Bundle-Version", version));
    }
}
