package io.hotbundle.container.internal.plugins;

import static java.lang.System.Logger.Level.ERROR;

import java.io.IOException;
import java.lang.System.Logger;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;

import io.hotbundle.container.internal.deploy.BundleArchive;
import io.hotbundle.container.internal.deploy.DeployFiles;
import io.hotbundle.container.internal.deploy.InvalidArchiveException;
import io.hotbundle.container.internal.state.DiskErrors;

/**
 * The last version of each plugin that served, kept in {@code <work>/plugins/<plugin>.jar}: what comes back
 * after a crash when the file in the deploy folder is a build that cannot serve (the one being swapped in when
 * the container died, say). Written to a temporary name and renamed, so it is always a complete jar.
 */
final class LastGood {

    private static final Logger LOG = System.getLogger("hotbundle");

    private final Path folder;
    /** Why a plugin's last good version could not be kept, until it can. */
    private final Map<String, String> unkept = new ConcurrentHashMap<>();

    LastGood(BundleContext context) {
        this.folder = DeployFiles.workFolder(context, "plugins");
    }

    /**
     * Keeps the archive as the plugin's last good version. A failure costs crash recovery, not the swap: it is
     * logged, shown with the plugin until a later keep succeeds, and leaves the previous copy as it was.
     */
    void keep(BundleArchive archive) {
        String symbolicName = archive.symbolicName();
        Path temporary = folder.resolve("." + symbolicName + ".jar.tmp");
        try {
            Files.createDirectories(folder);
            try (var in = archive.open()) {
                Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
            }
            Path target = folder.resolve(symbolicName + ".jar");
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            unkept.remove(symbolicName);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException alsoFailed) {
                // The folder refuses even a delete: nothing was written there either.
            }
            String why = DiskErrors.describe(e, temporary);
            if (!why.equals(unkept.put(symbolicName, why))) {
                LOG.log(ERROR, "the last good version of {0} could not be kept for crash recovery: {1}", symbolicName,
                        why);
            }
        }
    }

    /** Why the plugin's last good version is not kept, if it is not. */
    Optional<String> unkept(String symbolicName) {
        return Optional.ofNullable(unkept.get(symbolicName));
    }

    /** The plugin's last good version, if one was kept and is still a sound jar. */
    Optional<BundleArchive> of(String symbolicName) {
        Path file = folder.resolve(symbolicName + ".jar");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(BundleArchive.read(file));
        } catch (InvalidArchiveException e) {
            LOG.log(ERROR, "the last good version of {0} in {1} is unusable: {2}", symbolicName, file, e.getMessage());
            return Optional.empty();
        }
    }
}
