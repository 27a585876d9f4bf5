package io.hotbundle.itests.signing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Jars as an attacker writes them, with java.util.zip: entries appended after signing (under any name, a name
 * the jar already has included), a manifest and nothing else, an entry changed after signing.
 */
public final class ForgedJars {

    private ForgedJars() {
    }

    /**
     * {@code jar} with one more entry at its end. A name the jar already holds is written twice: the zip then has
     * two entries of that name (java.util.zip refuses to write that, so the second is written under a name of
     * the same length and renamed in the bytes).
     */
    public static byte[] withEntry(byte[] jar, String name, byte[] content) throws IOException {
        var out = new ByteArrayOutputStream();
        Set<String> names = new HashSet<>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(jar)); var zip = new ZipOutputStream(out)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                names.add(entry.getName());
                zip.putNextEntry(new ZipEntry(entry.getName()));
                in.transferTo(zip);
            }
            zip.putNextEntry(new ZipEntry(names.contains(name) ? placeholder(name) : name));
            zip.write(content);
        }
        byte[] bytes = out.toByteArray();
        return names.contains(name) ? replaced(bytes, placeholder(name), name) : bytes;
    }

    /** {@code jar} with the content of every entry whose name ends with {@code suffix} changed by one bit. */
    public static byte[] tampered(byte[] jar, String suffix) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var in = new ZipInputStream(new ByteArrayInputStream(jar)); var zip = new ZipOutputStream(out)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                byte[] content = in.readAllBytes();
                if (entry.getName().endsWith(suffix) && content.length > 0) {
                    content[content.length - 1] ^= 1;
                }
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(content);
            }
        }
        return out.toByteArray();
    }

    /** A jar holding a manifest with these main attributes, and nothing else. */
    public static byte[] manifestOnly(Map<String, String> headers) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write(manifest(headers));
        }
        return out.toByteArray();
    }

    /** A manifest's bytes with these main attributes. */
    public static byte[] manifest(Map<String, String> headers) throws IOException {
        var manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.forEach(manifest.getMainAttributes()::putValue);
        var bytes = new ByteArrayOutputStream();
        manifest.write(bytes);
        return bytes.toByteArray();
    }

    /** The content of the entry {@code name} of {@code jar}. */
    public static byte[] content(byte[] jar, String name) throws IOException {
        try (var in = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (entry.getName().equals(name)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new IOException("no entry " + name);
    }

    private static String placeholder(String name) {
        return name.substring(0, name.length() - 1) + '\u0001';
    }

    /** Every occurrence of {@code from} replaced with {@code to}, which has as many bytes. */
    private static byte[] replaced(byte[] bytes, String from, String to) {
        byte[] a = from.getBytes(StandardCharsets.UTF_8);
        byte[] b = to.getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at <= bytes.length - a.length; at++) {
            if (Arrays.equals(bytes, at, at + a.length, a, 0, a.length)) {
                System.arraycopy(b, 0, bytes, at, b.length);
            }
        }
        return bytes;
    }
}
