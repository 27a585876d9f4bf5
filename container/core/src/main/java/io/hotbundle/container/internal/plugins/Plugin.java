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
    Path file;
    String digest;
    String version;
    long generation;
    PluginStatus status;
    Instant since;
    String problem;

    Plugin(Bundle bundle, BundleArchive archive) {
        this.symbolicName = archive.symbolicName();
        this.bundle = bundle;
        deployed(archive);
    }

    /** Records that the archive's version is now the installed one. */
    void deployed(BundleArchive archive) {
        file = archive.file();
        digest = archive.digest();
        version = archive.version().toString();
        generation++;
    }

    void serving() {
        status(PluginStatus.SERVING, null);
    }

    void failed(String why) {
        status(PluginStatus.FAILED, why);
    }

    private void status(PluginStatus newStatus, String why) {
        status = newStatus;
        problem = why;
        since = Instant.now();
    }

    PluginInfo snapshot() {
        return new PluginInfo(symbolicName, version, file, bundle.getBundleId(), status, generation, since,
                Optional.ofNullable(problem));
    }
}
