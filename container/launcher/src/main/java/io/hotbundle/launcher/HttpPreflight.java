package io.hotbundle.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import io.hotbundle.http.internal.rules.HttpRule;

/**
 * Refuses to start a container whose HTTP settings ({@code etc/io.hotbundle.http.cfg}) open a port without a
 * console password of the operator's own: one line and a failed exit status, before anything starts. The rule
 * is the HTTP bundle's own (copied into this jar by bnd), which applies it again to every later change.
 */
final class HttpPreflight {

    private HttpPreflight() {
    }

    /** Why the container must not start with the settings in {@code etc}, or empty when it may. */
    static Optional<String> refusal(Path etc) {
        Path file = etc.resolve(HttpRule.PID + ".cfg");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        var properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of("cannot read " + file + ": " + e.getMessage());
        }
        var settings = new HashMap<String, Object>();
        properties.forEach((key, value) -> settings.put(key.toString(), value.toString().trim()));
        return HttpRule.refusal(Map.copyOf(settings)).map(reason -> reason + " (" + file + ")");
    }
}
