package io.hotbundle.container.internal.artifacts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import io.hotbundle.container.internal.deploy.InvalidArchiveException;

/**
 * Reads a whole jar the way the framework will, through its central directory ({@link ZipFile}, as Felix does),
 * and proves it sound within {@link ArchiveLimits}: every entry inflates to its declared size and CRC, no two
 * entries share a name, nothing named like a folder has content, no name climbs out of the jar, and there is
 * exactly one manifest, which Java and the framework read alike ({@link ManifestReadings}); the localization files
 * the framework reads whole are no bigger than the manifest may be. Memory stays bounded whatever the jar: entries
 * stream through one small buffer, and only the manifest (itself bounded) is kept.
 */
final class ArchiveCheck {

    private static final int BUFFER = 64 * 1024;
    private static final String LOCALIZATION_FOLDER = "OSGI-INF/l10n/";
    private static final String DEFAULT_LOCALIZATION = LOCALIZATION_FOLDER + "bundle";

    private final ArchiveLimits limits;
    private final byte[] buffer = new byte[BUFFER];
    private long inflated;
    /** The inflated size of each {@code .properties} entry: localization files, once the manifest says where. */
    private final Map<String, Long> properties = new HashMap<>();

    private ArchiveCheck(ArchiveLimits limits) {
        this.limits = limits;
    }

    /** Checks the jar and returns its manifest; throws with a one-line reason when it is refused. */
    static Manifest check(Path jar, ArchiveLimits limits) throws IOException, InvalidArchiveException {
        ZipDirectory.of(jar, limits);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return new ArchiveCheck(limits).entries(zip);
        } catch (ZipException e) {
            throw new InvalidArchiveException("corrupt jar (" + e.getMessage() + ")");
        }
    }

    private Manifest entries(ZipFile zip) throws IOException, InvalidArchiveException {
        Set<String> names = new HashSet<>();
        ByteArrayOutputStream manifest = null;
        int count = 0;
        for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
            ZipEntry entry = entries.nextElement();
            if (++count > limits.maxEntries()) {
                throw new InvalidArchiveException("refused: more than " + limits.maxEntries() + " entries");
            }
            String name = entry.getName();
            checkName(name, names);
            boolean isManifest = JarFile.MANIFEST_NAME.equals(name);
            ByteArrayOutputStream copy = isManifest ? new ByteArrayOutputStream() : null;
            long size = inflate(zip, entry, copy);
            if (size > 0 && name.endsWith("/")) {
                throw new InvalidArchiveException("refused: entry '" + name + "' is named like a folder but has content");
            }
            if (isManifest) {
                manifest = copy;
            } else if (name.endsWith(".properties")) {
                properties.put(name, size);
            }
        }
        if (manifest == null) {
            throw new InvalidArchiveException("not a bundle: it has no " + JarFile.MANIFEST_NAME);
        }
        Manifest read = ManifestReadings.read(manifest.toByteArray());
        checkLocalizations(read);
        return read;
    }

    /**
     * The framework reads a bundle's localization files whole whenever anyone asks for its headers ({@code lb},
     * the web console), and keeps them: they are held to the manifest's limit, not an ordinary entry's. Where
     * they are: under the bundle's {@code Bundle-Localization}, or OSGi's default folder.
     */
    private void checkLocalizations(Manifest manifest) throws InvalidArchiveException {
        String base = manifest.getMainAttributes().getValue("Bundle-Localization");
        base = base == null || base.isBlank() ? DEFAULT_LOCALIZATION : base.trim();
        for (var file : properties.entrySet()) {
            String name = file.getKey();
            boolean localization = name.startsWith(base) || name.startsWith(LOCALIZATION_FOLDER);
            if (localization && file.getValue() > limits.maxManifestBytes()) {
                throw new InvalidArchiveException("refused: its localization file '" + name + "' inflates to more than "
                        + ArchiveLimits.describe(limits.maxManifestBytes()) + " (archive.max.manifest.kb)");
            }
        }
    }

    /** Names the framework could read otherwise than we do, or that could reach outside the jar when extracted. */
    private static void checkName(String name, Set<String> seen) throws InvalidArchiveException {
        if (!seen.add(name)) {
            throw new InvalidArchiveException("refused: the entry name '" + name + "' appears twice");
        }
        if (!name.equals(JarFile.MANIFEST_NAME) && name.toUpperCase(Locale.ROOT).equals(JarFile.MANIFEST_NAME)) {
            throw new InvalidArchiveException("refused: a second manifest, '" + name + "'");
        }
        if (name.startsWith("/") || name.contains("\\") || name.indexOf('\0') >= 0 || name.equals("..")
                || name.startsWith("../") || name.contains("/../") || name.endsWith("/..")) {
            throw new InvalidArchiveException("refused: the entry name '" + name.replace('\0', '?')
                    + "' points outside the jar");
        }
    }

    /** Streams one entry through the buffer, counting and checksumming; copies it when {@code copy} is given. */
    private long inflate(ZipFile zip, ZipEntry entry, OutputStream copy) throws IOException, InvalidArchiveException {
        long entryLimit = copy != null ? limits.maxManifestBytes() : limits.maxEntryBytes();
        CRC32 crc = new CRC32();
        long size = 0;
        try (InputStream in = zip.getInputStream(entry)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                size += n;
                inflated += n;
                if (size > entryLimit) {
                    throw new InvalidArchiveException("refused: " + describe(entry, copy) + " inflates to more than "
                            + ArchiveLimits.describe(entryLimit) + (copy != null ? " (archive.max.manifest.kb)"
                            : " (archive.max.entry.mb)"));
                }
                if (inflated > limits.maxInflatedBytes()) {
                    throw new InvalidArchiveException("refused: its entries inflate to more than "
                            + ArchiveLimits.describe(limits.maxInflatedBytes()) + " (archive.max.inflated.mb)");
                }
                crc.update(buffer, 0, n);
                if (copy != null) {
                    copy.write(buffer, 0, n);
                }
            }
        }
        if ((entry.getSize() >= 0 && size != entry.getSize()) || (entry.getCrc() >= 0 && crc.getValue() != entry.getCrc())) {
            throw new InvalidArchiveException("corrupt jar: entry '" + entry.getName()
                    + "' does not match its size or checksum");
        }
        return size;
    }

    private static String describe(ZipEntry entry, OutputStream copy) {
        return copy != null ? "its manifest" : "entry '" + entry.getName() + "'";
    }
}
