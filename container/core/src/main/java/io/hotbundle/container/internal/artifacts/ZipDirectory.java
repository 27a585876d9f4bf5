package io.hotbundle.container.internal.artifacts;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import io.hotbundle.container.internal.deploy.InvalidArchiveException;

/**
 * What a zip's end record says of its directory, read before anything opens the zip: the end record is written
 * last, so a file without one is still being copied; and the directory's size and entry count decide whether
 * opening it (which reads the whole directory into memory) is reasonable at all.
 */
record ZipDirectory(long entries, long size) {

    private static final int END = 0x06054b50;
    private static final int END_SIZE = 22;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_LOCATOR_SIZE = 20;
    private static final int ZIP64_END = 0x06064b50;
    private static final int MAX_COMMENT = 0xFFFF;
    /** More than any real directory: 65,536 entries with 500-byte names. */
    private static final long MAX_DIRECTORY_BYTES = 64L << 20;

    static ZipDirectory of(Path file, ArchiveLimits limits) throws IOException, InvalidArchiveException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = channel.size();
            if (length == 0) {
                throw new InvalidArchiveException("empty file");
            }
            int tail = (int) Math.min(length, END_SIZE + MAX_COMMENT + ZIP64_LOCATOR_SIZE);
            ByteBuffer buffer = ByteBuffer.allocate(tail).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(buffer, length - tail);
            ZipDirectory found = null;
            for (int at = tail - END_SIZE; at >= 0; at--) {
                if (buffer.getInt(at) == END && at + END_SIZE + (buffer.getShort(at + 20) & 0xFFFF) <= tail) {
                    ZipDirectory directory = candidate(channel, buffer, at).within(limits);
                    found = found == null ? directory : found;
                }
            }
            if (found == null) {
                throw new InvalidArchiveException("incomplete or not a jar: no zip directory at its end (still being copied?)");
            }
            return found;
        }
    }

    /**
     * The directory an end record at {@code at} describes. Every end record the tail holds is read and held to
     * the limits, not only the last: one may hide in another's comment, and the JDK's zip reader skips an end
     * record whose comment does not reach the end of the file, and opens the directory the next one describes.
     */
    private static ZipDirectory candidate(FileChannel channel, ByteBuffer buffer, int at)
            throws IOException, InvalidArchiveException {
        return at >= ZIP64_LOCATOR_SIZE && buffer.getInt(at - ZIP64_LOCATOR_SIZE) == ZIP64_LOCATOR
                ? zip64(channel, buffer.getLong(at - ZIP64_LOCATOR_SIZE + 8))
                : new ZipDirectory(buffer.getShort(at + 10) & 0xFFFF, buffer.getInt(at + 12) & 0xFFFFFFFFL);
    }

    private static ZipDirectory zip64(FileChannel channel, long offset) throws IOException, InvalidArchiveException {
        ByteBuffer record = ByteBuffer.allocate(56).order(ByteOrder.LITTLE_ENDIAN);
        if (offset < 0 || channel.read(record, offset) < 56 || record.getInt(0) != ZIP64_END) {
            throw new InvalidArchiveException("corrupt jar: its ZIP64 end record is missing");
        }
        return new ZipDirectory(record.getLong(32), record.getLong(40));
    }

    private ZipDirectory within(ArchiveLimits limits) throws InvalidArchiveException {
        if (entries > limits.maxEntries()) {
            throw new InvalidArchiveException("refused: " + entries + " entries, more than the limit of "
                    + limits.maxEntries() + " (archive.max.entries)");
        }
        if (size > MAX_DIRECTORY_BYTES) {
            throw new InvalidArchiveException("refused: a zip directory of " + ArchiveLimits.describe(size)
                    + ", more than " + ArchiveLimits.describe(MAX_DIRECTORY_BYTES));
        }
        return this;
    }
}
