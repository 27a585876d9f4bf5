package io.hotbundle.container.internal.artifacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.hotbundle.container.internal.deploy.InvalidArchiveException;

/**
 * Jars made to be read one way by the container's checks and another by the framework or the JDK: each is
 * refused in one line, and the ordinary forms of what they abuse still pass.
 */
class HostileArchiveTest {

    private static final String HEAD = "Manifest-Version: 1.0\r\nBundle-ManifestVersion: 2\r\n"
            + "Bundle-SymbolicName: com.example.plugin\r\nBundle-Version: 1.0.0\r\n";

    @TempDir
    Path folder;

    @Test
    void aCarriageReturnAloneCannotHideAnExportFromTheChecks() throws Exception {
        // Java ends the main section at the blank line the two carriage returns make; Felix reads on.
        String manifest = HEAD + "X-Hide: a\r\rName: x\nExport-Package: io.hotbundle.api;version=2.99.0\n\n";
        assertRefused(jar(manifest), "carriage return alone");
    }

    @Test
    void aLastLineWithoutALineEndCannotHideAFragmentHost() throws Exception {
        String manifest = HEAD + "Fragment-Host: system.bundle; extension:=framework";
        assertRefused(jar(manifest), "its last line has no line end");
    }

    @Test
    void aHeaderNamedTwiceIsRefusedAsTheFrameworkRefusesIt() throws Exception {
        String manifest = HEAD + "bundle-symbolicname: io.hotbundle.container\r\n\r\n";
        assertRefused(jar(manifest), "names the header bundle-symbolicname twice");
    }

    @Test
    void ordinaryManifestsStillPassWhateverTheirLineEndsAndContinuations() throws Exception {
        String wrapped = "Export-Package: com.example.plugin.api;version=\"1.0.0\",com.example.plug\r\n in.more;version=\"1.0\"\r\n";
        Artifact crlf = store().stage(write(jar(HEAD + wrapped + "\r\n")), ArchiveLimits.DEFAULTS);
        assertEquals(2, crlf.headers().exports().size());
        Artifact lf = store().stage(write(jar(HEAD.replace("\r\n", "\n") + "Import-Package: org.slf4j\n")),
                ArchiveLimits.DEFAULTS);
        assertEquals("org.slf4j", lf.headers().imports().get(0).pkg());

        // A wrap at 72 bytes may split a character's bytes; both readers join the bytes before decoding them.
        byte[] split = (HEAD + "Bundle-Name: Caf\u00c3\r\n \u00a9\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("com.example.plugin", store().stage(write(jar(split)), ArchiveLimits.DEFAULTS).symbolicName());
    }

    @Test
    void aLocalizationFileIsHeldToTheManifestsLimitAndOtherPropertiesAreNot() throws Exception {
        ArchiveLimits limits = new ArchiveLimits(64 << 20, 100, 32 << 20, 64 << 10);
        byte[] big = ("name=" + "a".repeat(1 << 20) + "\n").getBytes(StandardCharsets.US_ASCII);
        String localized = HEAD + "Bundle-Name: %name\r\nBundle-Localization: l10n/plugin\r\n\r\n";
        var e = assertThrows(InvalidArchiveException.class,
                () -> store().stage(write(jar(localized, "l10n/plugin.properties", big)), limits));
        assertTrue(e.getMessage().contains("its localization file 'l10n/plugin.properties' inflates to more than"),
                e.getMessage());
        var atDefault = assertThrows(InvalidArchiveException.class,
                () -> store().stage(write(jar(HEAD + "\r\n", "OSGI-INF/l10n/bundle_de.properties", big)), limits));
        assertTrue(atDefault.getMessage().contains("OSGI-INF/l10n/bundle_de.properties"), atDefault.getMessage());

        Artifact data = store().stage(write(jar(HEAD + "\r\n", "data/words.properties", big)), limits);
        assertEquals("com.example.plugin", data.symbolicName());
    }

    @Test
    void anEndRecordHiddenInTheCommentDoesNotVouchForAHugeDirectory() throws Exception {
        // Sparse: 300 MB that take no room. The last end record claims a directory of nearly all of it; a
        // modest one hides in its comment, nearer the end, where a backwards scan meets it first.
        Path file = folder.resolve("directory-bomb.jar");
        long length = 300L << 20;
        ByteBuffer fake = endRecord(1, 100, 0, 0);
        ByteBuffer real = endRecord(1, length - 200, 0, fake.capacity());
        try (var out = new RandomAccessFile(file.toFile(), "rw")) {
            out.setLength(length);
            out.seek(length - real.capacity() - fake.capacity());
            out.write(real.array());
            out.write(fake.array());
        }
        var e = assertThrows(InvalidArchiveException.class, () -> ZipDirectory.of(file, ArchiveLimits.DEFAULTS));
        assertTrue(e.getMessage().startsWith("refused: a zip directory of"), e.getMessage());
    }

    private static ByteBuffer endRecord(int entries, long directorySize, long directoryOffset, int commentLength) {
        ByteBuffer record = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
        record.putInt(0x06054b50).putShort((short) 0).putShort((short) 0);
        record.putShort((short) entries).putShort((short) entries);
        record.putInt((int) directorySize).putInt((int) directoryOffset).putShort((short) commentLength);
        return record;
    }

    private void assertRefused(byte[] jar, String reason) throws IOException {
        var e = assertThrows(InvalidArchiveException.class, () -> store().stage(write(jar), ArchiveLimits.DEFAULTS));
        assertTrue(e.getMessage().startsWith("refused: ") && e.getMessage().contains(reason), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    private ArtifactStore store() {
        return new ArtifactStore(folder.resolve("artifacts"));
    }

    private Path write(byte[] bytes) throws IOException {
        return Files.write(Files.createTempFile(folder, "drop", ".jar"), bytes);
    }

    private static byte[] jar(String manifest) throws IOException {
        return jar(manifest.getBytes(StandardCharsets.UTF_8), null, null);
    }

    private static byte[] jar(byte[] manifest) throws IOException {
        return jar(manifest, null, null);
    }

    private static byte[] jar(String manifest, String entry, byte[] content) throws IOException {
        return jar(manifest.getBytes(StandardCharsets.UTF_8), entry, content);
    }

    /** A jar with the manifest's bytes as given, which {@code JarOutputStream} would have rewritten. */
    private static byte[] jar(byte[] manifest, String entry, byte[] content) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write(manifest);
            if (entry != null) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write(content);
            }
        }
        return bytes.toByteArray();
    }
}
