package io.hotbundle.container.internal.artifacts;

/**
 * How much of anything a jar may ask the container to read: what keeps a zip bomb, a jar of a million entries or
 * a manifest of a gigabyte from reaching the heap or the disk. The defaults fit real bundles with room to spare.
 *
 * @param maxInflatedBytes all entries together, inflated (also the most a file may weigh)
 * @param maxEntries       entries in the zip's directory
 * @param maxEntryBytes    one entry, inflated
 * @param maxManifestBytes the manifest, inflated
 */
public record ArchiveLimits(long maxInflatedBytes, int maxEntries, long maxEntryBytes, int maxManifestBytes) {

    public static final ArchiveLimits DEFAULTS = new ArchiveLimits(1L << 30, 65_536, 512L << 20, 1 << 20);

    public ArchiveLimits {
        if (maxInflatedBytes <= 0 || maxEntries <= 0 || maxEntryBytes <= 0 || maxManifestBytes <= 0) {
            throw new IllegalArgumentException("archive limits must be positive");
        }
    }

    /** A size for people: "1 GiB", "512 MiB", "1 MiB", "300 KiB". */
    static String describe(long bytes) {
        if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GiB";
        }
        if (bytes >= 1L << 20) {
            return (bytes >> 20) + " MiB";
        }
        return (bytes >> 10) + " KiB";
    }
}
