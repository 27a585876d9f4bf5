package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

import io.hotbundle.api.ReloadEvent.Outcome;

/**
 * What the container cannot write to its work folder costs persistence, never a swap, a version or a plugin's
 * state: the handoff happens in memory, the files already on disk stay whole, and the plugin shows why in one
 * line until the disk takes writes again.
 *
 * <p>The disk is made full and unwritable in ways that hold even for root, who ignores permissions: the state's
 * temporary file is a link to {@code /dev/full}, where every write fails with the kernel's own ENOSPC, and the
 * work folder's subfolders are replaced by plain files.
 */
public class FullDiskIT extends ContainerTestSupport {

    private static final String COUNTER = "io.hotbundle.fixture.counter";

    @Test
    public void aFullDiskKeepsTheStateInMemoryAndTheLastStateFileWhole() throws Exception {
        TestJars.drop(counter(1), deploy, "counter.jar");
        awaitServing(COUNTER, 1);
        greetingFrom(COUNTER);
        swapTo("1.0.1");
        Path stateFile = work().resolve("state").resolve(COUNTER + ".json");
        String savedBeforeTheDiskFilled = Files.readString(stateFile);
        assertTrue(savedBeforeTheDiskFilled, savedBeforeTheDiskFilled.contains("\"count\": 1"));
        greetingFrom(COUNTER);

        Path temporary = work().resolve("state").resolve("." + COUNTER + ".json.tmp");
        Files.createSymbolicLink(temporary, Path.of("/dev/full"));
        swapTo("1.0.2");

        assertEquals("the state crossed in memory", "v1 count=3 activations=3", greetingFrom(COUNTER));
        assertEquals("the last state file is untouched", savedBeforeTheDiskFilled, Files.readString(stateFile));
        assertFalse("nothing half-written is left", Files.exists(temporary, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        String problem = plugin(COUNTER).orElseThrow().problem().orElse("");
        assertTrue(problem, problem.startsWith("state kept in memory only: "));
        assertTrue(problem, problem.endsWith(": No space left on device"));

        swapTo("1.0.3");
        assertTrue("written again once the disk takes writes", Files.readString(stateFile).contains("\"count\": 3"));
        assertEquals("the problem is gone with its cause", "", plugin(COUNTER).orElseThrow().problem().orElse(""));
    }

    @Test
    public void anUnwritableWorkFolderCostsPersistenceNotTheSwap() throws Exception {
        Path state = work().resolve("state");
        Path plugins = work().resolve("last-good");
        Files.createDirectories(state);
        Files.createDirectories(plugins);
        Path stateAside = Files.move(state, work().resolve("state.aside"));
        Path pluginsAside = Files.move(plugins, work().resolve("plugins.aside"));
        try {
            Files.writeString(state, "not a folder");
            Files.writeString(plugins, "not a folder");

            TestJars.drop(counter(1), deploy, "counter.jar");
            awaitServing(COUNTER, 1);
            assertEquals("v1 count=1 activations=1", greetingFrom(COUNTER));
            swapTo("1.0.1");

            assertEquals("the state crossed in memory", "v1 count=2 activations=2", greetingFrom(COUNTER));
            String problem = plugin(COUNTER).orElseThrow().problem().orElse("");
            assertTrue(problem, problem.contains("state kept in memory only: " + state + ": already exists"));
            assertTrue(problem, problem.contains("no copy for crash recovery: " + plugins + ": already exists"));
            assertEquals("not a folder", Files.readString(state));
        } finally {
            Files.deleteIfExists(state);
            Files.deleteIfExists(plugins);
            Files.move(stateAside, state);
            Files.move(pluginsAside, plugins);
        }
    }

    private void swapTo(String version) throws Exception {
        var swapped = reloads.nextReload(COUNTER);
        TestJars.drop(TestJars.withVersion(counter(1), version), deploy, "counter.jar");
        assertEquals(Outcome.RELOADED, swapped.get(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS).outcome());
    }

    private Path work() {
        return Path.of(context.getProperty("hotbundle.work"));
    }
}
