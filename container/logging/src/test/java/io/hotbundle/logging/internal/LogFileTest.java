package io.hotbundle.logging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code log:tail}'s reading: the last lines, then the new ones, with none lost in between. */
class LogFileTest {

    @TempDir
    Path folder;

    /**
     * A line written while the last lines are being printed (here: by the reader itself, as it takes the first)
     * still comes: the following starts where the last lines ended, not at the file's size when it starts.
     */
    @Test
    void aLineWrittenWhileTheLastOnesArePrintedIsFollowed() throws Exception {
        Path log = folder.resolve("hotbundle.log");
        append(log, record("one") + record("two"));
        var read = new ArrayList<String>();
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);

        new LogFile(() -> log).tail(10, record -> true, record -> {
            if (read.isEmpty()) {
                append(log, record("three"));
            }
            read.add(record);
            return read.size() < 3;
        }, () -> System.nanoTime() > giveUp);

        assertEquals(List.of(record("one").strip(), record("two").strip(), record("three").strip()), read);
    }

    @Test
    void onlyTheLastRecordsAreShownAndAStackTraceStaysWithItsRecord() throws Exception {
        Path log = folder.resolve("hotbundle.log");
        append(log, record("one") + record("two") + "java.lang.IllegalStateException: boom\n\tat A.b(A.java:1)\n");
        var read = new ArrayList<String>();

        new LogFile(() -> log).tail(1, record -> true, record -> {
            read.add(record);
            return false;
        }, () -> false);

        assertEquals(List.of(record("two") + "java.lang.IllegalStateException: boom\n\tat A.b(A.java:1)"), read);
    }

    /** A file larger than the window read for its last lines: the lines at its end, whole, and nothing cut. */
    @Test
    void theLastLinesOfALargeFileAreReadWhole() throws Exception {
        Path log = folder.resolve("hotbundle.log");
        String filler = record("x".repeat(1000));
        append(log, filler.repeat(6 * 1024) + record("last but one") + record("last"));

        List<String> last = new LogFile(() -> log).last(2, record -> true);
        List<String> all = new LogFile(() -> log).last(Integer.MAX_VALUE, record -> true);

        assertEquals(List.of(record("last but one").strip(), record("last").strip()), last);
        assertTrue(all.stream().allMatch(r -> r.equals(filler.strip()) || r.contains("last")), "a record was cut");
    }

    private static String record(String message) {
        return "2026-11-28T04:11:21.959Z INFO  [main] com.acme.plugin 1.0.0 com.acme.Talker - " + message + "\n";
    }

    private static void append(Path log, String text) {
        try {
            Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
