package io.hotbundle.container.internal.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleArchiveTest {

    @TempDir
    Path folder;

    @Test
    void readsNameVersionAndDigestOfAValidBundle() throws Exception {
        byte[] jar = bundle("com.example.plugin;singleton:=true", "1.2.3");
        BundleArchive archive = BundleArchive.read(write("plugin.jar", jar));

        assertEquals("com.example.plugin", archive.symbolicName());
        assertEquals("1.2.3", archive.version().toString());
        assertFalse(archive.isFragment());
        assertArrayEquals(jar, archive.open().readAllBytes());
        assertEquals(archive.digest(), BundleArchive.read(write("copy.jar", jar)).digest());
    }

    @Test
    void rejectsAJarCutShortAsIfStillBeingCopied() throws Exception {
        byte[] jar = bundle("com.example.plugin", "1.0.0");
        Path half = write("half.jar", Arrays.copyOf(jar, jar.length / 2));

        var e = assertThrows(InvalidArchiveException.class, () -> BundleArchive.read(half));
        assertTrue(e.getMessage().contains("still being copied"), e.getMessage());
    }

    @Test
    void rejectsAJarWhoseContentDoesNotMatchItsChecksum() throws Exception {
        byte[] jar = bundle("com.example.plugin", "1.0.0");
        int payload = indexOf(jar, "PAYLOAD".getBytes(StandardCharsets.US_ASCII));
        jar[payload] ^= 0x20;

        var e = assertThrows(InvalidArchiveException.class, () -> BundleArchive.read(write("bad.jar", jar)));
        assertTrue(e.getMessage().startsWith("corrupt jar"), e.getMessage());
    }

    @Test
    void rejectsRandomBytesNamedJar() throws Exception {
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);

        var e = assertThrows(InvalidArchiveException.class, () -> BundleArchive.read(write("noise.jar", noise)));
        assertTrue(e.getMessage().contains("not a jar"), e.getMessage());
    }

    @Test
    void rejectsAPlainJarWithoutBundleHeaders() throws Exception {
        var manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        byte[] jar = jar(manifest);

        var e = assertThrows(InvalidArchiveException.class, () -> BundleArchive.read(write("plain.jar", jar)));
        assertEquals("not a bundle: its manifest has no Bundle-SymbolicName", e.getMessage());
    }

    @Test
    void rejectsAZipWithoutManifest() throws Exception {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("hello".getBytes(StandardCharsets.UTF_8));
        }

        var e = assertThrows(InvalidArchiveException.class,
                () -> BundleArchive.read(write("nomanifest.jar", bytes.toByteArray())));
        assertTrue(e.getMessage().startsWith("not a bundle"), e.getMessage());
    }

    @Test
    void rejectsAnEmptyFile() throws Exception {
        var e = assertThrows(InvalidArchiveException.class, () -> BundleArchive.read(write("empty.jar", new byte[0])));
        assertEquals("empty file", e.getMessage());
    }

    @Test
    void rejectsAnInvalidVersion() throws Exception {
        byte[] jar = bundle("com.example.plugin", "one.two");

        var e = assertThrows(InvalidArchiveException.class, () -> BundleArchive.read(write("v.jar", jar)));
        assertTrue(e.getMessage().contains("invalid Bundle-Version"), e.getMessage());
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(folder.resolve(name), bytes);
    }

    private static byte[] bundle(String symbolicName, String version) throws IOException {
        var manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        return jar(manifest);
    }

    private static byte[] jar(Manifest manifest) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var jar = new JarOutputStream(bytes, manifest)) {
            var entry = new JarEntry("data/payload.txt");
            entry.setMethod(ZipEntry.STORED);
            byte[] payload = "PAYLOAD that the test corrupts".getBytes(StandardCharsets.US_ASCII);
            var crc = new java.util.zip.CRC32();
            crc.update(payload);
            entry.setSize(payload.length);
            entry.setCrc(crc.getValue());
            jar.putNextEntry(entry);
            jar.write(payload);
        }
        return bytes.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("payload not found");
    }
}
