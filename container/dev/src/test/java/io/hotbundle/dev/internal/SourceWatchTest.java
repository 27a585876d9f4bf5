package io.hotbundle.dev.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceWatchTest {

    @TempDir
    Path folder;

    private SourceWatch watch;
    private final LinkedBlockingQueue<SourceWatch.Batch> batches = new LinkedBlockingQueue<>();
    private Thread watcher;

    @BeforeEach
    void watch() throws Exception {
        Files.createDirectories(folder.resolve("src/p"));
        watch = new SourceWatch(Duration.ofMillis(100), Duration.ofSeconds(5));
        watch.watchTree(folder.resolve("src"));
        watch.watchFile(folder.resolve("pom.xml"));
        watcher = new Thread(() -> watch.run(batches::add));
        watcher.start();
    }

    @AfterEach
    void close() throws Exception {
        watch.close();
        watcher.join(5000);
    }

    @Test
    void savesWithinTheQuietTimeMakeOneBatch() throws Exception {
        for (int i = 0; i < 5; i++) {
            Files.writeString(folder.resolve("src/p/C" + i + ".java"), "class C" + i + " { }");
            Thread.sleep(10);
        }

        SourceWatch.Batch batch = batches.poll(10, TimeUnit.SECONDS);

        assertEquals(5, batch.paths().size(), batch.toString());
        assertNull(batches.poll(500, TimeUnit.MILLISECONDS), "no second batch");
    }

    @Test
    void aFolderCreatedLaterIsWatchedAndEditorFilesAndOtherFilesAreNot() throws Exception {
        Files.createDirectories(folder.resolve("src/p/q"));
        Files.writeString(folder.resolve("src/p/q/.C.java.swp"), "swap");
        Files.writeString(folder.resolve("README.md"), "not watched");
        Files.writeString(folder.resolve("pom.xml"), "<project/>");
        batches.poll(10, TimeUnit.SECONDS);
        Thread.sleep(200);
        batches.clear();

        Files.writeString(folder.resolve("src/p/q/C.java"), "class C { }");

        assertEquals(Set.of(folder.resolve("src/p/q/C.java")), batches.poll(10, TimeUnit.SECONDS).paths());
    }
}
