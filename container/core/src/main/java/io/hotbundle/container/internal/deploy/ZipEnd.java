package io.hotbundle.container.internal.deploy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;

import io.hotbundle.container.internal.files.BoundedOpen;

/**
 * Whether a file ends the way a complete zip ends: with its end-of-central-directory record, whose comment
 * runs exactly to the end of the file.
 *
 * <p>A jar is written front to back and that record comes last, so a jar still being copied into place does
 * not have it yet. Linux reports every write to a file, but not when the writer closes it (Java's
 * {@code WatchService} has no close-after-write event): this is how the watcher tells the last write of a copy
 * from the ones before. It is a hint about timing, never an admission check: the deployer reads and checks
 * every entry of whatever it is handed.
 */
final class ZipEnd {

    private static final int SIGNATURE = 0x06054b50;
    private static final int RECORD_SIZE = 22;
    private static final int MAX_COMMENT = 0xFFFF;
    /** A pipe renamed over the jar would make the open wait for good; see {@link BoundedOpen}. */
    private static final Duration OPEN_BOUND = Duration.ofSeconds(2);

    private ZipEnd() {
    }

    /** True when the file ends with a zip's end record; false when it does not, or cannot be read. */
    static boolean present(Path file) {
        try (var channel = BoundedOpen.open(file, OPEN_BOUND)) {
            long size = channel.size();
            // Nearly every jar has no comment: its record is the last 22 bytes. Look further only if not.
            return size >= RECORD_SIZE && (endsWithRecord(channel, size, RECORD_SIZE)
                    || endsWithRecord(channel, size, RECORD_SIZE + MAX_COMMENT));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean endsWithRecord(FileChannel channel, long size, int window) throws IOException {
        int length = (int) Math.min(size, window);
        var tail = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        long position = size - length;
        while (tail.hasRemaining()) {
            if (channel.read(tail, position + tail.position()) < 0) {
                return false;
            }
        }
        for (int at = length - RECORD_SIZE; at >= 0; at--) {
            int commentLength = tail.getShort(at + RECORD_SIZE - 2) & 0xFFFF;
            if (tail.getInt(at) == SIGNATURE && commentLength == length - RECORD_SIZE - at) {
                return true;
            }
        }
        return false;
    }
}
