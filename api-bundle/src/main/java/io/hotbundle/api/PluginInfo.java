package io.hotbundle.api;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of one plugin, as {@link PluginRegistry} reports it.
 *
 * @param symbolicName the plugin's {@code Bundle-SymbolicName}; its identity in the container
 * @param version      the {@code Bundle-Version} of the version installed now
 * @param file         the file in the deploy folder that the installed version came from
 * @param bundleId     the framework's bundle id; stable across swaps of the plugin
 * @param status       what the plugin is doing now
 * @param generation   how many times the plugin has been deployed: 1 after its first install, plus one
 *                     for every successful swap
 * @param since        when the plugin last changed status
 * @param problem      why the plugin is not serving, as one line; empty when it serves
 */
public record PluginInfo(
        String symbolicName,
        String version,
        Path file,
        long bundleId,
        PluginStatus status,
        long generation,
        Instant since,
        Optional<String> problem) {

    /** Checks that no component is missing; a snapshot with holes would mislead an operator. */
    public PluginInfo {
        Objects.requireNonNull(symbolicName, "symbolicName");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(problem, "problem");
    }
}
