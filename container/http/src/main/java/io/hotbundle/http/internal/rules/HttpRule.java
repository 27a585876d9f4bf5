package io.hotbundle.http.internal.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * When HTTP may open, read from the operator's settings of PID {@code io.hotbundle.http}: a port opens only when
 * {@code http.port} is set, and then only with a console password of the operator's own. Plain Java with no
 * OSGi type, because the launcher applies the same rule to {@code etc/io.hotbundle.http.cfg} before it starts
 * anything, so that a refused start is one line and a failed exit status.
 */
public final class HttpRule {

    public static final String PID = "io.hotbundle.http";
    public static final String PORT = "http.port";
    public static final String PASSWORD = "console.password";

    /** Felix Web Console's built-in password ("admin"), as its own configuration holds it. */
    private static final String FELIX_DEFAULT_HASH = "{sha-256}jGl25bVBBBW96Qi9Te4V37Fnqchz/Eu4qB9vKrRIqRg=";
    private static final String SHA_256 = "{sha-256}";

    private HttpRule() {
    }

    /** The port the settings ask for, or 0 (HTTP off) when they ask for none. */
    public static int port(Map<String, ?> settings) {
        Object value = settings.get(PORT);
        if (value == null || value.toString().isBlank()) {
            return 0;
        }
        try {
            int port = Integer.parseInt(value.toString().trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Why HTTP must stay off with these settings, in one line; empty when it may open (or is not asked for). */
    public static Optional<String> refusal(Map<String, ?> settings) {
        int port = port(settings);
        if (port == 0) {
            return Optional.empty();
        }
        if (port < 0) {
            return Optional.of(PID + ": " + PORT + " '" + settings.get(PORT) + "' is not a port (1-65535)");
        }
        Object password = settings.get(PASSWORD);
        if (password == null || password.toString().isBlank()) {
            return Optional.of(PID + " turns HTTP on (" + PORT + "=" + port + ") without " + PASSWORD
                    + ": set a password of your own for the web console");
        }
        String configured = password.toString().trim();
        if (configured.regionMatches(true, 0, SHA_256, 0, SHA_256.length()) && !isDigest(configured)) {
            // A .cfg line holds no comment after its value: "{sha-256}... # note" would never match any password.
            return Optional.of(PID + ": " + PASSWORD + " starts with " + SHA_256 + " but what follows is not the "
                    + "Base64 of a SHA-256 digest (44 characters; a comment must go on a line of its own)");
        }
        if (matches(configured, "admin") || configured.equals(FELIX_DEFAULT_HASH)) {
            return Optional.of(PID + ": the default web console password 'admin' is refused: set one of your own in "
                    + PASSWORD);
        }
        return Optional.empty();
    }

    /**
     * Whether {@code offered} is the configured password, which is either the password itself or
     * {@code {sha-256}} followed by the Base64 of its SHA-256 digest. Compared in constant time.
     */
    public static boolean matches(String configured, String offered) {
        byte[] expected;
        byte[] actual;
        if (configured.regionMatches(true, 0, SHA_256, 0, SHA_256.length())) {
            expected = configured.substring(SHA_256.length()).getBytes(StandardCharsets.UTF_8);
            actual = Base64.getEncoder().encode(sha256(offered));
        } else {
            expected = sha256(configured);
            actual = sha256(offered);
        }
        return MessageDigest.isEqual(expected, actual);
    }

    /** Whether a {@code {sha-256}} value carries a digest: the Base64 of exactly 32 bytes, nothing else. */
    private static boolean isDigest(String configured) {
        String base64 = configured.substring(SHA_256.length());
        try {
            return base64.length() == 44 && Base64.getDecoder().decode(base64).length == 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
