package io.hotbundle.container.internal.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.hotbundle.api.state.SavedState;

class StateStoreTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    @TempDir
    Path work;

    private StateStore store;

    @AfterEach
    void close() throws InterruptedException {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void putReturnsBeforeTheFileIsWrittenAndAwaitWrittenSeesItReachTheDisk() throws Exception {
        Path folder = Files.createDirectories(work.resolve("state"));
        // A named pipe as the temporary file: writing it blocks until someone reads, as a slow disk would.
        Path temporary = folder.resolve(".p.json.tmp");
        assertEquals(0, new ProcessBuilder("mkfifo", temporary.toString()).start().waitFor());
        store = new StateStore(folder);

        store.put("p", state(7));

        assertEquals(Optional.of(state(7)), store.get("p"), "memory has it at once");
        assertFalse(store.awaitWritten("p", Duration.ofMillis(100)), "the disk has not taken it");
        String content;
        try (InputStream pipe = Files.newInputStream(temporary)) {
            content = new String(pipe.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(store.awaitWritten("p", BOUND));
        assertTrue(content.contains("\"n\": 7"), content);
    }

    @Test
    void aRestartedStoreReadsWhatTheLastOneWrote() throws Exception {
        store = new StateStore(work.resolve("state"));
        store.put("p", state(1));
        store.put("p", state(2));
        store.close();

        store = new StateStore(work.resolve("state"));
        assertEquals(Optional.of(state(2)), store.get("p"));
    }

    @Test
    void clearDeletesTheFileAfterTheWritesBeforeIt() throws Exception {
        store = new StateStore(work.resolve("state"));
        store.put("p", state(1));
        store.clear("p");

        assertTrue(store.awaitWritten("p", BOUND));
        assertFalse(Files.exists(work.resolve("state/p.json")));
        assertEquals(Optional.empty(), store.get("p"));
    }

    @Test
    void filesAndFoldersItCreatesAreTheOwnersOnly() throws Exception {
        Path folder = work.resolve("deeper/state");
        store = new StateStore(folder);

        store.put("p", state(1));

        assertTrue(store.awaitWritten("p", BOUND));
        assertEquals("rw-------", mode(folder.resolve("p.json")));
        assertEquals("rwx------", mode(folder));
        assertEquals("rwx------", mode(folder.getParent()));
    }

    @Test
    void aFolderLeftOpenToOthersIsClosedAtTheNextWrite() throws Exception {
        Path folder = Files.createDirectories(work.resolve("state"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
        store = new StateStore(folder);

        store.put("p", state(1));

        assertTrue(store.awaitWritten("p", BOUND));
        assertEquals("rwx------", mode(folder));
    }

    @Test
    void aFullDiskIsRecordedOnceTheWriteFailedAndTheMemoryKeepsTheState() throws Exception {
        Path folder = Files.createDirectories(work.resolve("state"));
        Path temporary = folder.resolve(".p.json.tmp");
        Files.createSymbolicLink(temporary, Path.of("/dev/full"));
        store = new StateStore(folder);

        store.put("p", state(1));

        assertTrue(store.awaitWritten("p", BOUND), "a failed write is done too");
        assertTrue(store.unwritten("p").orElse("").endsWith(": No space left on device"), store.unwritten("p").toString());
        assertEquals(Optional.of(state(1)), store.get("p"));
        assertFalse(Files.exists(temporary, LinkOption.NOFOLLOW_LINKS), "nothing half-written is left");

        store.put("p", state(2));
        assertTrue(store.awaitWritten("p", BOUND));
        assertEquals(Optional.empty(), store.unwritten("p"), "written again once the disk takes writes");
    }

    @Test
    void anUnreadableFileIsLoggedAndThePluginStartsWithoutState() throws Exception {
        Path folder = Files.createDirectories(work.resolve("state"));
        Files.writeString(folder.resolve("p.json"), "{\"schemaVersion\": ");
        store = new StateStore(folder);

        assertEquals(Optional.empty(), store.get("p"));
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    private static SavedState state(long n) {
        return new SavedState(1, Map.of("n", n), "1.0.0", Instant.parse("2026-01-01T00:00:00Z"));
    }
}
