package io.hotbundle.container.internal.plugins;

import static java.lang.System.Logger.Level.ERROR;

import java.lang.System.Logger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

import org.osgi.framework.BundleContext;

import io.hotbundle.container.internal.deploy.BundleArchive;
import io.hotbundle.container.internal.deploy.DeployFiles;
import io.hotbundle.container.internal.deploy.InvalidArchiveException;
import io.hotbundle.container.internal.state.WholeFiles;

/**
 * The last version of each plugin that served, kept in {@code <work>/plugins/<plugin>.jar}: what comes back
 * after a crash when the file in the deploy folder is a build that cannot serve (the one being swapped in when
 * the container died, say). Written to a temporary name and renamed, so it is always a complete jar.
 */
final class LastGood {

    private static final Logger LOG = System.getLogger("hotbundle");

    private final Path folder;
    private final WholeFiles files = new WholeFiles("the last good version",
            "crash recovery has an older copy or none");

    LastGood(BundleContext context) {
        this.folder = DeployFiles.workFolder(context, "plugins");
    }

    /**
     * Keeps the archive as the plugin's last good version. A failure costs crash recovery, not the swap
     * ({@link WholeFiles}).
     *
     * @return whether what {@link #unkept} says of the plugin changed
     */
    boolean keep(BundleArchive archive) {
        return files.write(archive.symbolicName(), folder.resolve(archive.symbolicName() + ".jar"), temporary -> {
            try (var in = archive.open()) {
                Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
            }
        });
    }

    /** Why the plugin's last good version is not kept, if it is not. */
    Optional<String> unkept(String symbolicName) {
        return files.failure(symbolicName);
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
