package io.hotbundle.container.internal.artifacts;

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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.hotbundle.container.internal.deploy.InvalidArchiveException;

/**
 * What the store admits: complete, sound bundles within the limits, read through their central directory; and
 * what it refuses, in one line each, keeping nothing.
 */
class ArtifactStoreTest {

    @TempDir
    Path folder;

    private final ArchiveLimits small = new ArchiveLimits(1 << 20, 100, 512 << 10, 4 << 10);

    private ArtifactStore store() {
        return new ArtifactStore(folder.resolve("artifacts"));
    }

    @Test
    void keepsACheckedPrivateCopyNamedByItsDigest() throws Exception {
        byte[] jar = bundle("com.example.plugin", "1.2.3");
        Artifact artifact = store().stage(write("plugin.jar", jar), ArchiveLimits.DEFAULTS);

        assertEquals("com.example.plugin", artifact.symbolicName());
        assertEquals("1.2.3", artifact.version().toString());
        assertFalse(artifact.isFragment());
        assertArrayEquals(jar, artifact.open().readAllBytes());
        assertEquals(folder.resolve("artifacts").resolve(artifact.digest() + ".jar"), artifact.file());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(artifact.file())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(artifact.file().getParent())));
    }

    @Test
    void storesOneBuildOnceAndForgetsWhatIsNotRetained() throws Exception {
        ArtifactStore store = store();
        Artifact first = store.stage(write("a.jar", bundle("com.example.a", "1.0.0")), ArchiveLimits.DEFAULTS);
        Artifact again = store.stage(write("copy.jar", bundle("com.example.a", "1.0.0")), ArchiveLimits.DEFAULTS);
        Artifact other = store.stage(write("b.jar", bundle("com.example.b", "1.0.0")), ArchiveLimits.DEFAULTS);
        assertEquals(first.digest(), again.digest());

        store.retainOnly(Set.of(other.digest()));

        assertFalse(Files.exists(first.file()));
        assertTrue(Files.exists(other.file()));
        try (var files = Files.list(folder.resolve("artifacts"))) {
            assertEquals(1, files.count(), "no temporary copies left behind");
        }
    }

    @Test
    void refusesAJarCutShortAsIfStillBeingCopied() throws Exception {
        byte[] jar = bundle("com.example.plugin", "1.0.0");
        Path half = write("half.jar", java.util.Arrays.copyOf(jar, jar.length / 2));

        assertRefused(half, "still being copied");
    }

    @Test
    void refusesAJarWhoseContentDoesNotMatchItsChecksum() throws Exception {
        byte[] jar = bundle("com.example.plugin", "1.0.0");
        int at = indexOf(jar, "PAYLOAD".getBytes(StandardCharsets.US_ASCII));
        jar[at] = 'X';

        assertRefused(write("bad.jar", jar), "corrupt jar");
    }

    @Test
    void refusesRandomBytesNamedJarAndAnEmptyFile() throws Exception {
        byte[] noise = new byte[4096];
        new java.util.Random(42).nextBytes(noise);
        assertRefused(write("noise.jar", noise), "not a jar");
        assertRefused(write("empty.jar", new byte[0]), "empty file");
    }

    @Test
    void refusesWhatIsNotABundle() throws Exception {
        var manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        assertRefused(write("plain.jar", jar(manifest)), "not a bundle: its manifest has no Bundle-SymbolicName");

        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write(1);
        }
        assertRefused(write("nomanifest.jar", bytes.toByteArray()), "not a bundle");
        assertRefused(write("v.jar", bundle("com.example.plugin", "one.two")), "invalid Bundle-Version");
    }

    @Test
    void refusesSymbolicNamesThatCouldBePaths() throws Exception {
        for (String name : new String[] {"../../etc/passwd", "/opt/hotbundle/system/io.hotbundle.shell", "a/b",
                "has space", "a..b", ".hidden", "trailing."}) {
            assertRefused(write("n.jar", bundle(name, "1.0.0")), "is not a valid Bundle-SymbolicName");
        }
    }

    @Test
    void refusesTwoEntriesOfOneNameAndASecondManifest() throws Exception {
        byte[] twoManifests = renamed(bundleWithExtraEntry("META-INF/MANIFEST.MX"), "META-INF/MANIFEST.MX",
                "META-INF/MANIFEST.MF");
        assertRefused(write("dup.jar", twoManifests), "appears twice");

        assertRefused(write("case.jar", bundleWithExtraEntry("meta-inf/manifest.mf")), "a second manifest");
    }

    @Test
    void refusesContentStoredUnderAFolderName() throws Exception {
        assertRefused(write("dir.jar", bundleWithExtraEntry("marker/Marker.class/")), "named like a folder");
    }

    @Test
    void refusesNamesThatClimbOutOfTheJar() throws Exception {
        assertRefused(write("slip.jar", bundleWithExtraEntry("../../evil.jar")), "points outside the jar");
    }

    @Test
    void refusesAnEntryThatInflatesPastTheLimitWithoutReadingItAll() throws Exception {
        assertRefused(write("bomb.jar", bundleWith("bomb.bin", new byte[2 << 20])), "inflates to more than 512 KiB");
    }

    @Test
    void refusesMoreEntriesThanTheLimit() throws Exception {
        var manifest = manifest("com.example.many", "1.0.0");
        var bytes = new ByteArrayOutputStream();
        try (var jar = new JarOutputStream(bytes, manifest)) {
            for (int i = 0; i < 150; i++) {
                jar.putNextEntry(new JarEntry("e" + i));
            }
        }
        assertRefused(write("many.jar", bytes.toByteArray()), "entries");
    }

    @Test
    void refusesAManifestPastItsLimit() throws Exception {
        Manifest manifest = manifest("com.example.big", "1.0.0");
        manifest.getMainAttributes().putValue("X-Padding", "x".repeat(8 << 10));
        assertRefused(write("manifest.jar", jar(manifest)), "its manifest inflates to more than");
    }

    private void assertRefused(Path file, String reason) {
        ArtifactStore store = store();
        var e = assertThrows(InvalidArchiveException.class, () -> store.stage(file, small));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        try (var files = Files.list(folder.resolve("artifacts"))) {
            assertEquals(0, files.count(), "nothing kept of a refused file");
        } catch (IOException noFolder) {
            // nothing was ever stored
        }
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(folder.resolve(name), bytes);
    }

    private static Manifest manifest(String symbolicName, String version) {
        var manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        return manifest;
    }

    private static byte[] bundle(String symbolicName, String version) throws IOException {
        return jar(manifest(symbolicName, version));
    }

    private static byte[] bundleWithExtraEntry(String name) throws IOException {
        return bundleWith(name, "extra".getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] bundleWith(String name, byte[] content) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var jar = new JarOutputStream(bytes, manifest("com.example.plugin", "1.0.0"))) {
            jar.putNextEntry(new JarEntry(name));
            jar.write(content);
        }
        return bytes.toByteArray();
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

    /** The jar with every occurrence of an entry name replaced by another of the same length (headers and directory). */
    private static byte[] renamed(byte[] jar, String from, String to) {
        byte[] needle = from.getBytes(StandardCharsets.US_ASCII);
        byte[] replacement = to.getBytes(StandardCharsets.US_ASCII);
        for (int at = 0; at <= jar.length - needle.length; at++) {
            if (java.util.Arrays.equals(jar, at, at + needle.length, needle, 0, needle.length)) {
                System.arraycopy(replacement, 0, jar, at, replacement.length);
            }
        }
        return jar;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("payload not found");
    }
}
