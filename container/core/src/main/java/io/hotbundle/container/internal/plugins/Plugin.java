package io.hotbundle.container.internal.plugins;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.osgi.framework.Bundle;

import io.hotbundle.api.PluginInfo;
import io.hotbundle.api.PluginStatus;
import io.hotbundle.container.internal.deploy.BundleArchive;

/**
 * One hosted plugin as the deployer tracks it. Confined to the deployer's worker thread; other threads see
 * only the immutable {@link PluginInfo} snapshots it publishes.
 */
final class Plugin {

    final String symbolicName;
    final Bundle bundle;
    /** The version installed now, bytes included: what a failed swap puts back. */
    BundleArchive archive;
    /** The version that served before this one, for an operator's rollback; null until a swap succeeded. */
    BundleArchive previous;
    /** Where the installed version came from; a different file may carry the same plugin later. */
    Path file;
    long generation;
    PluginStatus status;
    Instant since;
    String problem;
    /** The digest of the last build that was rolled back: not tried again until the file changes. */
    String rejectedDigest;

    Plugin(Bundle bundle, BundleArchive archive) {
        this.symbolicName = archive.symbolicName();
        this.bundle = bundle;
        this.archive = archive;
        this.file = archive.file();
        this.generation = 1;
    }

    void swapped(BundleArchive next) {
        if (!next.digest().equals(archive.digest())) {
            previous = archive;
        }
        archive = next;
        file = next.file();
        generation++;
        rejectedDigest = null;
    }

    String version() {
        return archive.version().toString();
    }

    void status(PluginStatus newStatus, String why) {
        status = newStatus;
        problem = why;
        since = Instant.now();
    }

    PluginInfo snapshot(boolean paused) {
        PluginStatus shown = paused && status == PluginStatus.SERVING ? PluginStatus.PAUSED : status;
        return new PluginInfo(symbolicName, version(), file, bundle.getBundleId(), shown, generation, since,
                Optional.ofNullable(problem));
    }
}
