package io.hotbundle.container.internal.deploy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.osgi.framework.Constants;
import org.osgi.framework.Version;

/**
 * A jar from the deploy folder, read completely into memory and checked before anything is installed.
 *
 * <p>FileInstall takes a file once its size and time stop changing for one poll, which a slow copy can fool.
 * So the bytes are checked here: the zip must end with its directory, every entry must inflate and match its
 * CRC, and the manifest must name a bundle. The bytes that were checked are the bytes that get installed, so
 * a file changing underneath cannot slip unchecked bytes into the framework.
 */
public final class BundleArchive {

    private static final int END_RECORD_SIGNATURE = 0x06054b50;
    private static final int END_RECORD_SIZE = 22;
    private static final int MAX_COMMENT_SIZE = 0xFFFF;

    private final Path file;
    private final byte[] bytes;
    private final String symbolicName;
    private final Version version;
    private final boolean fragment;
    private final String digest;

    private BundleArchive(Path file, byte[] bytes, Manifest manifest) throws InvalidArchiveException {
        this.file = file;
        this.bytes = bytes;
        var attributes = manifest.getMainAttributes();
        String bsn = attributes.getValue(Constants.BUNDLE_SYMBOLICNAME);
        if (bsn == null || bsn.isBlank()) {
            throw new InvalidArchiveException("not a bundle: its manifest has no Bundle-SymbolicName");
        }
        this.symbolicName = bsn.split(";", 2)[0].trim();
        this.version = parseVersion(attributes.getValue(Constants.BUNDLE_VERSION));
        this.fragment = attributes.getValue(Constants.FRAGMENT_HOST) != null;
        this.digest = sha256(bytes);
    }

    /**
     * Reads and checks a jar.
     *
     * @param file a file in the deploy folder
     * @return the checked archive
     * @throws InvalidArchiveException when the file cannot be read, is incomplete or corrupt, or is not a bundle;
     *                                 its message is one line for the operator
     */
    public static BundleArchive read(Path file) throws InvalidArchiveException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidArchiveException("cannot be read: " + e);
        }
        return new BundleArchive(file, bytes, checkedManifest(bytes));
    }

    private static Manifest checkedManifest(byte[] bytes) throws InvalidArchiveException {
        int declaredEntries = declaredEntryCount(bytes);
        Manifest manifest = null;
        int entries = 0;
        try (var zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; entries++) {
                // Reading each entry to its end makes ZipInputStream verify its size and CRC.
                byte[] content = zip.readAllBytes();
                if (JarFile.MANIFEST_NAME.equalsIgnoreCase(entry.getName())) {
                    manifest = new Manifest(new ByteArrayInputStream(content));
                }
            }
        } catch (IOException e) {
            throw new InvalidArchiveException("corrupt jar (" + e.getMessage() + ")");
        }
        if (declaredEntries != MAX_COMMENT_SIZE && entries != declaredEntries) {
            throw new InvalidArchiveException(
                    "corrupt jar: its directory lists " + declaredEntries + " entries, " + entries + " can be read");
        }
        if (manifest == null) {
            throw new InvalidArchiveException("not a bundle: it has no " + JarFile.MANIFEST_NAME);
        }
        return manifest;
    }

    /** Finds the zip's end record, which is written last: a file without one is still being copied. */
    private static int declaredEntryCount(byte[] bytes) throws InvalidArchiveException {
        int lowest = Math.max(0, bytes.length - END_RECORD_SIZE - MAX_COMMENT_SIZE);
        for (int at = bytes.length - END_RECORD_SIZE; at >= lowest; at--) {
            if (littleEndianInt(bytes, at) == END_RECORD_SIGNATURE) {
                return (bytes[at + 10] & 0xFF) | (bytes[at + 11] & 0xFF) << 8;
            }
        }
        throw new InvalidArchiveException(bytes.length == 0
                ? "empty file"
                : "incomplete or not a jar: no zip directory at its end (still being copied?)");
    }

    private static int littleEndianInt(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    private static Version parseVersion(String value) throws InvalidArchiveException {
        try {
            return value == null ? Version.emptyVersion : Version.parseVersion(value.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidArchiveException("invalid Bundle-Version '" + value + "'");
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The file the bytes were read from. */
    public Path file() {
        return file;
    }

    /** A fresh stream over the checked bytes, for the framework to install from. */
    public InputStream open() {
        return new ByteArrayInputStream(bytes);
    }

    /** The bundle's symbolic name, without attributes or directives. */
    public String symbolicName() {
        return symbolicName;
    }

    /** The bundle's version; {@code 0.0.0} when the manifest has none. */
    public Version version() {
        return version;
    }

    /** Whether this bundle is a fragment, which attaches to a host and is never started itself. */
    public boolean isFragment() {
        return fragment;
    }

    /** The SHA-256 of the bytes, hex: two archives with the same digest are the same build. */
    public String digest() {
        return digest;
    }

    /** The archive's size in bytes. */
    public int size() {
        return bytes.length;
    }
}
