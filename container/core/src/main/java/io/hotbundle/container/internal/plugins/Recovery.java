package io.hotbundle.container.internal.plugins;

import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;

import java.lang.System.Logger;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import org.osgi.framework.BundleException;

import io.hotbundle.api.PluginStatus;
import io.hotbundle.container.internal.deploy.BundleArchive;
import io.hotbundle.container.internal.reload.ReloadEvents;

/**
 * Brings back the last version of a plugin that served, when the file in the deploy folder cannot serve and no
 * version of the plugin serves in this run: after a crash in the middle of a swap, or a restart with a broken
 * build in the folder. Runs on the deployer's worker thread.
 */
final class Recovery {

    private static final Logger LOG = System.getLogger("hotbundle");

    private final BundleOperations operations;
    private final BoundedLifecycle lifecycle;
    private final ReloadEvents events;
    private final LastGood lastGood;

    Recovery(BundleOperations operations, BoundedLifecycle lifecycle, ReloadEvents events, LastGood lastGood) {
        this.operations = operations;
        this.lifecycle = lifecycle;
        this.events = events;
        this.lastGood = lastGood;
    }

    /**
     * Puts the kept last good version in place of the plugin's failed one.
     *
     * @return whether the last good version serves now
     */
    boolean fallBack(Plugin plugin, String failure) throws InterruptedException {
        Optional<BundleArchive> kept = lastGood.of(plugin.symbolicName)
                .filter(a -> !a.digest().equals(plugin.archive.digest()));
        if (kept.isEmpty()) {
            return false;
        }
        String failedVersion = plugin.version();
        String failedDigest = plugin.archive.digest();
        try {
            operations.replace(plugin.bundle, kept.get());
            lifecycle.startAndCheck(plugin.bundle);
        } catch (BundleException | TimeoutException | SwapFailure e) {
            LOG.log(ERROR, "the last good version of {0} does not serve either: {1}", plugin.symbolicName,
                    e.getMessage());
            return false;
        }
        Path file = plugin.file;
        plugin.archive = kept.get();
        plugin.file = file;
        plugin.rejectedDigest = failedDigest;
        plugin.status(PluginStatus.ROLLED_BACK, "rolled back " + failedVersion + ": " + failure
                + "; the last good version serves");
        events.generation(plugin.symbolicName, plugin.generation);
        LOG.log(INFO, "{0}: the last good version {1} serves, since {2} from {3} does not", plugin.symbolicName,
                plugin.version(), failedVersion, file.getFileName());
        return true;
    }
}
