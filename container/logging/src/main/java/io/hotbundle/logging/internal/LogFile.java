package io.hotbundle.logging.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The log file as the log commands read it: its last lines, and the lines written after them, across rotations.
 * Reading the file rather than hooking into Logback keeps the commands out of the logging's own locks, and shows
 * exactly what the file holds, every line naming its bundle and version. A line that does not start a record (a
 * stack trace's) belongs to the record before it.
 */
final class LogFile {

    private static final long POLL_MILLIS = 200;
    private static final int LONGEST_READ = 1 << 20;
    private static final int LONGEST_LAST = 4 << 20;

    private final Supplier<Path> file;

    LogFile(Supplier<Path> file) {
        this.file = file;
    }

    /** The last {@code count} records that the filter accepts, oldest first. */
    List<String> last(int count, Predicate<String> filter) throws IOException {
        return snapshot().last(count, filter);
    }

    /**
     * Hands the reader the last {@code count} records the filter accepts, then every one written after them,
     * until {@code stop} says so or the reader declines one; a rotated or truncated file is followed from its
     * start. The following starts exactly where the last records ended: a line written while they are handed over
     * is not lost between the two.
     */
    void tail(int count, Predicate<String> filter, Predicate<String> reader, BooleanSupplier stop)
            throws IOException, InterruptedException {
        Snapshot snapshot = snapshot();
        for (String record : snapshot.last(count, filter)) {
            if (!reader.test(record)) {
                return;
            }
        }
        follow(snapshot.key, snapshot.end, filter, reader, stop);
    }

    /** The file's records up to its last complete line, as it is now. */
    private record Snapshot(Object key, long end, List<String> records) {

        List<String> last(int count, Predicate<String> filter) {
            // No capacity from the count: -n 2000000000 asks for an answer, not for an array of that size.
            var kept = new ArrayDeque<String>();
            for (String record : count > 0 ? records : List.<String>of()) {
                if (filter.test(record)) {
                    if (kept.size() == count) {
                        kept.removeFirst();
                    }
                    kept.addLast(record);
                }
            }
            return new ArrayList<>(kept);
        }
    }

    /**
     * At most the last {@value #LONGEST_LAST} bytes: the file's size is the operator's setting, and the last lines
     * of a large file do not need all of it in memory. A window that starts inside a line drops that line.
     */
    private Snapshot snapshot() throws IOException {
        Path path = file.get();
        Object key = key(path);
        if (key == null) {
            return new Snapshot(null, 0, List.of());
        }
        try (var in = new RandomAccessFile(path.toFile(), "r")) {
            long size = in.length();
            long start = Math.max(0, size - LONGEST_LAST);
            byte[] bytes = new byte[(int) (size - start)];
            in.seek(start);
            in.readFully(bytes);
            int end = lastLineEnd(bytes);
            int from = start == 0 ? 0 : firstLineStart(bytes, end);
            String text = new String(bytes, from, end - from, StandardCharsets.UTF_8);
            return new Snapshot(key, start + end, text.isEmpty() ? List.of() : records(List.of(text.split("\n"))));
        }
    }

    /** Reads on from the position in the file of that key, once per {@value #POLL_MILLIS} ms. */
    private void follow(Object key, long position, Predicate<String> filter, Predicate<String> reader,
            BooleanSupplier stop) throws IOException, InterruptedException {
        var partial = new StringBuilder();
        while (!stop.getAsBoolean()) {
            Thread.sleep(POLL_MILLIS);
            Path path = file.get();
            if (!Files.exists(path)) {
                continue;
            }
            Object now = key(path);
            long size = Files.size(path);
            if (!Objects.equals(now, key) || size < position) {
                key = now;
                position = 0;
                partial.setLength(0);
            }
            if (size == position) {
                continue;
            }
            try (var in = new RandomAccessFile(path.toFile(), "r")) {
                in.seek(position);
                byte[] bytes = new byte[(int) Math.min(size - position, LONGEST_READ)];
                in.readFully(bytes);
                position += bytes.length;
                partial.append(new String(bytes, StandardCharsets.UTF_8));
            }
            int end = partial.lastIndexOf("\n");
            if (end < 0) {
                continue;
            }
            List<String> lines = List.of(partial.substring(0, end).split("\n"));
            partial.delete(0, end + 1);
            for (String record : records(lines)) {
                if (filter.test(record) && !reader.test(record)) {
                    return;
                }
            }
        }
    }

    /** Just after the last complete line: a line still being written is read when following. */
    private static int lastLineEnd(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }

    /** Just after the first line break before {@code end}: the start of the first whole line. */
    private static int firstLineStart(byte[] bytes, int end) {
        for (int i = 0; i < end; i++) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return end;
    }

    /** Lines joined into records: a line that does not start with a time stamp continues the one before. */
    private static List<String> records(List<String> lines) {
        var records = new ArrayList<String>();
        for (String line : lines) {
            if (!records.isEmpty() && !startsRecord(line)) {
                records.set(records.size() - 1, records.get(records.size() - 1) + "\n" + line);
            } else {
                records.add(line);
            }
        }
        return records;
    }

    private static boolean startsRecord(String line) {
        return line.length() > 20 && Character.isDigit(line.charAt(0)) && line.charAt(10) == 'T';
    }

    /** The level of a record (its second field), upper case. */
    static String level(String record) {
        String[] fields = record.split(" +", 3);
        return fields.length > 1 ? fields[1].toUpperCase(Locale.ROOT) : "";
    }

    /** The bundle that wrote a record (its fourth field, after the thread in brackets). */
    static String bundle(String record) {
        int thread = record.indexOf("] ");
        if (thread < 0) {
            return "";
        }
        int end = record.indexOf(' ', thread + 2);
        return end < 0 ? "" : record.substring(thread + 2, end);
    }

    private static Object key(Path path) throws IOException {
        return Files.exists(path) ? Files.readAttributes(path, BasicFileAttributes.class).fileKey() : null;
    }
}
