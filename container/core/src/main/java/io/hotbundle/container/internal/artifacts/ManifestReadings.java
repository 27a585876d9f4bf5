package io.hotbundle.container.internal.artifacts;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

import io.hotbundle.container.internal.deploy.InvalidArchiveException;

/**
 * Reads a manifest with Java's reader, which every check of the container uses, and proves that the framework
 * reads the same main section: otherwise the checks would judge headers the framework never sees, and pass
 * headers they never saw (an export of the container's API, a {@code Fragment-Host} of the framework itself).
 *
 * <p>The two readers part ways where the manifest format leaves room. Felix ends a line only at a line feed and
 * reads a last line that has none; Java also ends a line at a carriage return alone, which can end the main
 * section early, and drops a last line without a line end. Felix refuses a header named twice, in any case, where
 * Java keeps the last. So the framework's reading is done here as Felix documents and does it, and any
 * difference, or a manifest the framework would refuse, is a refusal in one line.
 */
final class ManifestReadings {

    private ManifestReadings() {
    }

    /** Java's reading of the manifest, once the framework's is known to agree with it. */
    static Manifest read(byte[] bytes) throws InvalidArchiveException {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\r' && (i + 1 == bytes.length || bytes[i + 1] != '\n')) {
                throw new InvalidArchiveException("refused: its manifest ends a line with a carriage return alone, "
                        + "which Java and the framework read differently");
            }
        }
        Manifest manifest;
        try {
            manifest = new Manifest(new ByteArrayInputStream(bytes));
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidArchiveException("refused: its manifest cannot be read: "
                    + BundleHeaders.printable(e.getMessage()));
        }
        Map<String, String> framework = frameworkMainSection(bytes);
        Map<String, String> java = new HashMap<>();
        for (Map.Entry<Object, Object> header : manifest.getMainAttributes().entrySet()) {
            java.put(lower(header.getKey().toString()), (String) header.getValue());
        }
        if (!framework.equals(java)) {
            throw new InvalidArchiveException("refused: its manifest reads differently to the framework than to Java"
                    + (bytes.length > 0 && bytes[bytes.length - 1] != '\n'
                    ? " (its last line has no line end: Java drops it, the framework reads it)" : ""));
        }
        return manifest;
    }

    /**
     * The main section as the framework reads it: lines end at a line feed (a carriage return before it is
     * dropped), a line that begins with a space continues the one before, a blank line or the end of the bytes
     * ends the section, and each line is a name, a colon, a space and a value.
     */
    private static Map<String, String> frameworkMainSection(byte[] bytes) throws InvalidArchiveException {
        Map<String, String> headers = new HashMap<>();
        // Bytes, joined before they are decoded: a continuation may split a character's bytes, as Felix allows.
        var line = new ByteArrayOutputStream();
        for (int at = 0; at <= bytes.length; ) {
            int end = at;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            int stop = end > at && bytes[end - 1] == '\r' ? end - 1 : end;
            if (stop > at && bytes[at] == ' ' && line.size() > 0) {
                line.write(bytes, at + 1, stop - at - 1);
            } else {
                if (line.size() > 0) {
                    put(headers, line.toString(StandardCharsets.UTF_8));
                    line.reset();
                }
                if (stop == at) {
                    break; // a blank line, or the end
                }
                line.write(bytes, at, stop - at);
            }
            at = end + 1;
        }
        if (line.size() > 0) {
            put(headers, line.toString(StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static void put(Map<String, String> headers, String line) throws InvalidArchiveException {
        int colon = line.indexOf(':');
        if (colon < 0 || colon + 1 == line.length() || line.charAt(colon + 1) != ' ') {
            throw new InvalidArchiveException("refused: the framework cannot read its manifest (the line '"
                    + BundleHeaders.printable(line) + "' is not a header)");
        }
        String name = line.substring(0, colon);
        if (headers.put(lower(name), line.substring(colon + 2)) != null) {
            throw new InvalidArchiveException("refused: its manifest names the header "
                    + BundleHeaders.printable(name) + " twice, which the framework refuses");
        }
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
