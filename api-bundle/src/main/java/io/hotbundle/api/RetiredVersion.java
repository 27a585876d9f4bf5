package io.hotbundle.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A plugin version that was swapped out but whose class loader is still alive after garbage collection: a
 * leak, which keeps the old version's classes (and everything they reference) in memory.
 *
 * @param symbolicName the plugin
 * @param version      the version that was swapped out
 * @param retiredAt    when it was swapped out
 * @param holder       what keeps it alive, as far as the container can tell, in one line
 */
public record RetiredVersion(String symbolicName, String version, Instant retiredAt, String holder) {

    /** Checks that no component is missing. */
    public RetiredVersion {
        Objects.requireNonNull(symbolicName, "symbolicName");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(retiredAt, "retiredAt");
        Objects.requireNonNull(holder, "holder");
    }
}
