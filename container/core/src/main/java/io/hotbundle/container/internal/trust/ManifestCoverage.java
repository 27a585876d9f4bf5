package io.hotbundle.container.internal.trust;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import io.hotbundle.container.internal.deploy.InvalidArchiveException;

/**
 * Makes sure the manifest's main attributes (Bundle-SymbolicName, Bundle-Activator, Import-Package...) are the
 * signed ones. Each signature file must carry a digest of the whole manifest or of its main section that
 * matches. The JDK's verifier checks such a digest when there is one, but when a signature file has neither
 * (as old signing tools wrote them) it takes the main attributes unchecked: the entries would verify under
 * headers anyone could have changed.
 */
final class ManifestCoverage {

    /** The JDK reads no larger signature-related file either ({@code jdk.jar.maxSignatureFileSize}). */
    private static final int MAX_SIZE = 16_000_000;

    private ManifestCoverage() {
    }

    static void check(JarFile jar) throws IOException, InvalidArchiveException {
        byte[] manifest = read(jar, jar.getJarEntry(JarFile.MANIFEST_NAME));
        byte[] mainSection = Arrays.copyOf(manifest, endOfMainSection(manifest));
        for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
            JarEntry entry = entries.nextElement();
            String name = entry.getName();
            if (!JarNames.isSigningRelated(name) || !name.toUpperCase(Locale.ENGLISH).endsWith(".SF")) {
                continue;
            }
            Attributes signed = new Manifest(new ByteArrayInputStream(read(jar, entry))).getMainAttributes();
            if (!matches(signed, "-Digest-Manifest", manifest)
                    && !matches(signed, "-Digest-Manifest-Main-Attributes", mainSection)) {
                throw new InvalidArchiveException("its signature " + JarNames.shown(name)
                        + " does not cover the manifest's main attributes");
            }
        }
    }

    /** Whether an attribute {@code <algorithm><suffix>} holds the digest of {@code bytes} with that algorithm. */
    private static boolean matches(Attributes attributes, String suffix, byte[] bytes) {
        for (Map.Entry<Object, Object> attribute : attributes.entrySet()) {
            String key = attribute.getKey().toString();
            int algorithmEnd = key.length() - suffix.length();
            if (algorithmEnd <= 0 || !key.regionMatches(true, algorithmEnd, suffix, 0, suffix.length())) {
                continue;
            }
            try {
                byte[] expected = Base64.getDecoder().decode(attribute.getValue().toString().trim());
                byte[] actual = MessageDigest.getInstance(key.substring(0, algorithmEnd)).digest(bytes);
                if (MessageDigest.isEqual(expected, actual)) {
                    return true;
                }
            } catch (NoSuchAlgorithmException | IllegalArgumentException e) {
                // A digest that cannot be computed or read covers nothing.
            }
        }
        return false;
    }

    /** Where the main section ends: after its terminating empty line (which its digest covers), or at the end. */
    static int endOfMainSection(byte[] manifest) {
        boolean lineStart = true;
        for (int at = 0; at < manifest.length; ) {
            byte b = manifest[at];
            if (b == '\r' || b == '\n') {
                int next = b == '\r' && at + 1 < manifest.length && manifest[at + 1] == '\n' ? at + 2 : at + 1;
                if (lineStart) {
                    return next;
                }
                lineStart = true;
                at = next;
            } else {
                lineStart = false;
                at++;
            }
        }
        return manifest.length;
    }

    private static byte[] read(JarFile jar, JarEntry entry) throws IOException, InvalidArchiveException {
        try (InputStream in = jar.getInputStream(entry)) {
            byte[] bytes = in.readNBytes(MAX_SIZE + 1);
            if (bytes.length > MAX_SIZE) {
                throw new InvalidArchiveException(JarNames.shown(entry.getName()) + " is larger than " + MAX_SIZE
                        + " bytes");
            }
            return bytes;
        }
    }
}
