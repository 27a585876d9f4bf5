package io.hotbundle.container.internal.trust;

import java.util.Enumeration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import io.hotbundle.container.internal.deploy.InvalidArchiveException;

/**
 * The names in a jar's central directory (the framework's own view of it), read before any content: two entries
 * of one name, or a second manifest, would let the framework read an entry other than the one checked.
 */
final class JarNames {

    private static final int MAX_SHOWN = 120;

    private JarNames() {
    }

    /**
     * Refuses duplicate names and any manifest but exactly one {@code META-INF/MANIFEST.MF}.
     *
     * @return whether the jar holds a signature file ({@code META-INF/*.SF})
     */
    static boolean check(JarFile jar) throws InvalidArchiveException {
        Set<String> names = new HashSet<>();
        String manifest = null;
        boolean signatureFiles = false;
        for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
            String name = entries.nextElement().getName();
            if (!names.add(name)) {
                throw new InvalidArchiveException("two entries are named " + shown(name)
                        + "; the framework would read one of them unchecked");
            }
            String upper = name.toUpperCase(Locale.ENGLISH);
            if (upper.equals(JarFile.MANIFEST_NAME)) {
                if (manifest != null) {
                    throw new InvalidArchiveException("a second manifest, " + shown(name) + ", beside " + shown(manifest));
                }
                manifest = name;
            }
            signatureFiles |= isSigningRelated(name) && upper.endsWith(".SF");
        }
        if (manifest == null) {
            throw new InvalidArchiveException("it has no " + JarFile.MANIFEST_NAME);
        }
        if (!manifest.equals(JarFile.MANIFEST_NAME)) {
            throw new InvalidArchiveException("its manifest is named " + shown(manifest) + ", not " + JarFile.MANIFEST_NAME);
        }
        return signatureFiles;
    }

    /**
     * Whether the JDK's jar verifier treats {@code name} as part of the signature rather than as content: the
     * manifest, {@code *.SF}, {@code *.DSA}, {@code *.RSA}, {@code *.EC} and {@code SIG-*} (with an extension of
     * one to three letters or digits, or none), directly in {@code META-INF/}, in any letter case. The verifier
     * gives these no signer; everything else must have one.
     */
    static boolean isSigningRelated(String name) {
        String upper = name.toUpperCase(Locale.ENGLISH);
        if (!upper.startsWith("META-INF/")) {
            return false;
        }
        String file = upper.substring("META-INF/".length());
        if (file.indexOf('/') >= 0) {
            return false;
        }
        if (file.equals("MANIFEST.MF") || file.endsWith(".SF") || file.endsWith(".DSA") || file.endsWith(".RSA")
                || file.endsWith(".EC")) {
            return true;
        }
        if (!file.startsWith("SIG-")) {
            return false;
        }
        int dot = file.lastIndexOf('.');
        return dot < 0 || file.substring(dot + 1).matches("[A-Z0-9]{1,3}");
    }

    /** An entry name as it may appear in a one-line message: control characters replaced, long names cut. */
    static String shown(String name) {
        StringBuilder shown = new StringBuilder();
        name.codePoints().limit(MAX_SHOWN).forEach(c -> shown.appendCodePoint(breaksTheLine(c) ? '?' : c));
        return name.codePointCount(0, name.length()) > MAX_SHOWN ? shown + "..." : shown.toString();
    }

    private static boolean breaksTheLine(int c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.FORMAT;
    }
}
