package io.hotbundle.itests;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Jars that are small on disk and huge once inflated, made at test time in well under a second each: a valid
 * bundle manifest, then entries of zeros whose deflated data is one block of a mebibyte of zeros repeated (each
 * block refers only to the zeros before it, so the blocks can be laid end to end), about 1 KiB per MiB.
 */
final class ZipBombs {

    private static final int MIB = 1 << 20;
    private static final byte[] FINAL_EMPTY_BLOCK = {0x03, 0x00};

    /** The deflated form of the stream's first mebibyte of zeros, and of every later one. */
    private static final byte[] FIRST_MIB = deflatedZeros(false);
    private static final byte[] NEXT_MIB = deflatedZeros(true);

    private ZipBombs() {
    }

    /** A jar with the fixture's manifest and {@code count} entries of {@code mibEach} MiB of zeros each. */
    static Path zeros(Path target, Manifest manifest, int count, long mibEach) throws IOException {
        var entries = new ArrayList<Entry>();
        entries.add(Entry.stored(JarFile.MANIFEST_NAME, manifestBytes(manifest)));
        long crc = crcOfZeros(mibEach);
        for (int i = 1; i <= count; i++) {
            entries.add(new Entry("zeros-" + i + ".bin", null, mibEach, crc));
        }
        return write(target, entries);
    }

    /** A jar of {@code count} entries: its manifest and empty ones (with ZIP64 records past 65,535). */
    static Path manyEntries(Path target, Manifest manifest, int count) throws IOException {
        try (var zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(target), 1 << 16))) {
            zip.putNextEntry(new ZipEntry(JarFile.MANIFEST_NAME));
            zip.write(manifestBytes(manifest));
            for (int i = 1; i < count; i++) {
                // Stored and empty: deflating 100,000 entries one by one would take seconds.
                var entry = new ZipEntry("many/e" + i);
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(0);
                entry.setCompressedSize(0);
                entry.setCrc(0);
                zip.putNextEntry(entry);
            }
        }
        return target;
    }

    /** A jar whose manifest is padded with a header of {@code mib} MiB, in continuation lines as jars allow. */
    static Path largeManifest(Path target, Manifest manifest, int mib) throws IOException {
        byte[] base = manifestBytes(manifest);
        var text = new ByteArrayOutputStream();
        text.write(base, 0, base.length - 2); // without the blank line that ends the main section
        text.write("X-Padding: x\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] line = (" " + "x".repeat(68) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        while (text.size() < mib * MIB + 1) {
            text.write(line);
        }
        text.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        try (var zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(target), 1 << 16))) {
            zip.putNextEntry(new ZipEntry(JarFile.MANIFEST_NAME));
            zip.write(text.toByteArray());
        }
        return target;
    }

    /** The fixture's manifest with another version, for the bombs to look like a build of it. */
    static Manifest manifestOf(Path jar, String version) throws IOException {
        try (var file = new JarFile(jar.toFile())) {
            Manifest manifest = new Manifest(file.getManifest());
            manifest.getMainAttributes().putValue("Bundle-Version", version);
            return manifest;
        }
    }

    private static byte[] manifestBytes(Manifest manifest) throws IOException {
        var bytes = new ByteArrayOutputStream();
        manifest.write(bytes);
        return bytes.toByteArray();
    }

    /** One entry: stored bytes, or {@code mib} MiB of deflated zeros. */
    private record Entry(String name, byte[] stored, long mib, long crc) {

        static Entry stored(String name, byte[] content) {
            var crc = new CRC32();
            crc.update(content);
            return new Entry(name, content, 0, crc.getValue());
        }

        long size() {
            return stored != null ? stored.length : mib * MIB;
        }

        long compressedSize() {
            return stored != null ? stored.length
                    : FIRST_MIB.length + (mib - 1) * NEXT_MIB.length + FINAL_EMPTY_BLOCK.length;
        }

        void writeData(OutputStream out) throws IOException {
            if (stored != null) {
                out.write(stored);
                return;
            }
            out.write(FIRST_MIB);
            for (long i = 1; i < mib; i++) {
                out.write(NEXT_MIB);
            }
            out.write(FINAL_EMPTY_BLOCK);
        }
    }

    /** A zip without ZIP64 records: every size and offset here fits in 32 bits. */
    private static Path write(Path target, List<Entry> entries) throws IOException {
        var offsets = new ArrayList<Long>();
        try (var out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
            long at = 0;
            for (Entry entry : entries) {
                offsets.add(at);
                byte[] header = header(0x04034b50, entry, 0);
                out.write(header);
                entry.writeData(out);
                at += header.length + entry.compressedSize();
            }
            long directory = at;
            for (int i = 0; i < entries.size(); i++) {
                byte[] header = header(0x02014b50, entries.get(i), offsets.get(i));
                out.write(header);
                at += header.length;
            }
            ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
            end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries.size())
                    .putShort((short) entries.size()).putInt((int) (at - directory)).putInt((int) directory)
                    .putShort((short) 0);
            out.write(end.array());
        }
        return target;
    }

    /** A local header (no offset) or a central directory header (with the local header's offset). */
    private static byte[] header(int signature, Entry entry, long offset) {
        boolean central = signature == 0x02014b50;
        byte[] name = entry.name().getBytes(StandardCharsets.UTF_8);
        ByteBuffer header = ByteBuffer.allocate((central ? 46 : 30) + name.length).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(signature);
        if (central) {
            header.putShort((short) 20);
        }
        header.putShort((short) 20).putShort((short) 0).putShort((short) (entry.stored() != null ? 0 : 8))
                .putShort((short) 0).putShort((short) 0x21).putInt((int) entry.crc())
                .putInt((int) entry.compressedSize()).putInt((int) entry.size()).putShort((short) name.length)
                .putShort((short) 0);
        if (central) {
            header.putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt((int) offset);
        }
        header.put(name);
        return header.array();
    }

    private static long crcOfZeros(long mib) {
        var crc = new CRC32();
        byte[] zeros = new byte[MIB];
        for (long i = 0; i < mib; i++) {
            crc.update(zeros);
        }
        return crc.getValue();
    }

    /**
     * A mebibyte of zeros as raw deflate data ending on a byte boundary (a sync flush): with {@code afterZeros},
     * compressed as if 32 KiB of zeros came before it, so that it may follow any earlier block of zeros.
     */
    private static byte[] deflatedZeros(boolean afterZeros) {
        var deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            if (afterZeros) {
                deflater.setDictionary(new byte[32 * 1024]);
            }
            deflater.setInput(new byte[MIB]);
            var out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH)) > 0; ) {
                out.write(buffer, 0, n);
                if (n < buffer.length && deflater.needsInput()) {
                    break;
                }
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }
}
