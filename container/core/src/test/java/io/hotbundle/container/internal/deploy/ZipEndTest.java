package io.hotbundle.container.internal.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A jar looks complete when its end record is its last bytes, and at no earlier point of its writing. */
class ZipEndTest {

    @TempDir
    Path folder;

    @Test
    void aCompleteJarEndsWithItsEndRecord() throws Exception {
        assertTrue(ZipEnd.present(Files.write(folder.resolve("a.jar"), FolderNoticesTest.zip("content"))));
    }

    @Test
    void aJarWithACommentEndsWithItsEndRecordAndTheComment() throws Exception {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            zip.setComment("built by hand, ".repeat(100));
            zip.putNextEntry(new ZipEntry("a.txt"));
            zip.write(1);
        }
        assertTrue(ZipEnd.present(Files.write(folder.resolve("a.jar"), bytes.toByteArray())));
    }

    @Test
    void noPrefixOfAJarLooksComplete() throws Exception {
        byte[] jar = FolderNoticesTest.zip("content of some length, ".repeat(40));
        for (int length = 0; length < jar.length; length++) {
            Path part = Files.write(folder.resolve("a.jar"), Arrays.copyOf(jar, length));
            assertFalse(ZipEnd.present(part), "the first " + length + " of " + jar.length + " bytes");
        }
    }

    @Test
    void aLinkIsNotFollowed() throws Exception {
        Path target = Files.write(folder.resolve("target.jar"), FolderNoticesTest.zip("content"));
        Path link = Files.createSymbolicLink(folder.resolve("link.jar"), target);
        assertFalse(ZipEnd.present(link));
    }
}
