package io.hotbundle.container.internal.deploy;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import java.io.File;
import java.io.IOException;
import java.lang.System.Logger;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.hotbundle.api.HotHandles;
import io.hotbundle.api.state.PluginState;
import io.hotbundle.container.internal.plugins.PluginDeployer;

/**
 * Watches the deploy folder two ways and hands its jars to the container: events ({@link FolderWatcher}) for
 * speed, FileInstall's poll ({@link FileInstallWatch}) as the safety net and for configuration files. Both
 * report to one {@link FolderNotices}, which tells the deployer about each change once.
 *
 * <p>FileInstall asks its artifact listeners in ranking order (its own configuration installer ranks 0, its
 * bundle handling comes last); this {@link ArtifactInstaller}, ranked 1000, claims every jar of the folder, so
 * FileInstall never installs one itself, and every configuration file of the container's own settings, which
 * it refuses ({@link ReservedConfigurations}), so they never reach ConfigAdmin.
 *
 * <p>Ordering is the point at start. The folder is watched before it is listed, so nothing changing in
 * between is missed. The installer is registered by hand, and only so (the component provides no service: DS
 * would register it too, at ranking 0, after activation): {@code registerService} delivers
 * the event to FileInstall's listener tracker synchronously, so when it returns FileInstall holds the installer
 * (or, not started yet, will find it when it opens its tracker, which it does before it reads any watcher
 * configuration). Only then is FileInstall's watcher configured.
 */
@Component(service = {}, immediate = true, configurationPid = DeployFolder.PID)
@Designate(ocd = DeployFolder.Config.class)
public final class DeployFolder implements ArtifactInstaller, FolderWatcher.Listener {

    /** The folder's settings, under this PID. */
    public static final String PID = "io.hotbundle.folder";

    /** Tunables of the watched folder, under PID {@value #PID}. */
    @ObjectClassDefinition(name = "Hotbundle deploy folder")
    public @interface Config {

        @AttributeDefinition(description = "How often FileInstall lists the folder to find what its events missed, "
                + "and takes configuration files, in milliseconds; jars arrive by events, whatever this is")
        long poll_ms() default 2000;
    }

    private static final Logger LOG = System.getLogger("hotbundle");
    private static final long MIN_POLL_MILLIS = 10;

    private final Path folder;
    private final Path scratch;
    private final FolderNotices notices;
    private final ReservedConfigurations reserved;
    private final FolderWatcher watcher;
    private final ServiceRegistration<ArtifactInstaller> registration;
    private final FileInstallWatch fileInstall;
    /** Absent when events cannot be watched: the health check then says it cannot tell. */
    private final WatcherPulse pulse;

    /**
     * The PluginState and HotHandles references are not used here: requiring them means the folder is deployed
     * only once the services plugins rely on exist. Otherwise a plugin deployed at start could find them missing,
     * sit unsatisfied through its activation check, and activate later, unchecked.
     */
    @Activate
    public DeployFolder(BundleContext context, @Reference PluginDeployer deployer,
            @Reference ConfigurationAdmin configurationAdmin, @Reference PluginState pluginState,
            @Reference HotHandles hotHandles, Config config) throws IOException {
        this.folder = DeployFiles.folder(context);
        this.scratch = context.getDataFile("fileinstall").toPath();
        this.notices = new FolderNotices(deployer::fileChanged);
        this.reserved = new ReservedConfigurations(context);
        Files.createDirectories(scratch);
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                LOG.log(WARNING, "could not create the deploy folder {0} ({1}): it is watched for when it is there",
                        folder, e);
            }
        }
        var presence = new FolderPresence(folder);
        boolean present = presence.start();
        long poll = pollMillis(config);
        var probe = new WatcherProbe(context.getDataFile("watcher-probe").toPath());
        this.watcher = new FolderWatcher(folder, notices, presence, this, probe, poll);
        List<Path> initial = present ? DeployFiles.bundleCandidates(folder) : List.of();
        notices.initial(initial);
        deployer.deployInitial(initial);

        var ranking = new Hashtable<String, Object>();
        ranking.put(Constants.SERVICE_RANKING, 1000);
        this.registration = context.registerService(ArtifactInstaller.class, this, ranking);
        this.fileInstall = new FileInstallWatch(configurationAdmin, folder, scratch, poll);
        if (present) {
            fileInstall.start();
        }
        watcher.start();
        this.pulse = watcher.watching() ? new WatcherPulse(context, probe, poll) : null;
        LOG.log(INFO, "watching {0}: jars as they arrive, and a look at the whole folder every {1} ms", folder,
                String.valueOf(poll));
    }

    /** A new poll interval applies without a restart: jars keep arriving by events meanwhile. */
    @Modified
    void modified(Config config) throws IOException {
        long poll = pollMillis(config);
        watcher.pollMillis(poll);
        fileInstall.pollMillis(poll);
        if (pulse != null) {
            pulse.pollMillis(poll);
        }
        LOG.log(INFO, "watching {0}: a look at the whole folder every {1} ms", folder, String.valueOf(poll));
    }

    /** The poll interval, at least {@value #MIN_POLL_MILLIS} ms: FileInstall takes 0 as never, less is a busy loop. */
    private static long pollMillis(Config config) {
        if (config.poll_ms() >= MIN_POLL_MILLIS) {
            return config.poll_ms();
        }
        LOG.log(WARNING, "poll.ms={0} is too short: {1} ms instead", String.valueOf(config.poll_ms()),
                String.valueOf(MIN_POLL_MILLIS));
        return MIN_POLL_MILLIS;
    }

    @Deactivate
    void deactivate() throws IOException, InterruptedException {
        try {
            if (pulse != null) {
                pulse.close();
            }
            watcher.close();
            fileInstall.close();
        } finally {
            registration.unregister();
        }
    }

    // FolderWatcher.Listener: on the watcher's thread

    @Override
    public void lost() {
        fileInstall.forgetVanishedConfigurations();
    }

    @Override
    public void found() {
        fileInstall.forgetVanishedConfigurations();
        fileInstall.start();
    }

    // ArtifactInstaller: on FileInstall's thread, once a file has been quiet for a poll

    /**
     * Claims every jar of the folder, links and folders of that name included: what the container does not
     * claim, FileInstall would install itself. The container then refuses what it must. Claims the container's
     * configuration files, configuration files that are not regular files, and anything FileInstall offers from
     * its scratch folder (a sub-folder it zipped up), to refuse them.
     */
    @Override
    public boolean canHandle(File artifact) {
        Path file = inFolder(artifact);
        return file != null ? DeployFiles.isJarName(file) || reserved.reservedPid(file).isPresent()
                || isSpecialConfiguration(file) : scratch.equals(artifact.toPath().toAbsolutePath().normalize().getParent());
    }

    @Override
    public void install(File artifact) {
        arrived(artifact);
    }

    @Override
    public void update(File artifact) {
        arrived(artifact);
    }

    @Override
    public void uninstall(File artifact) {
        Path file = inFolder(artifact);
        if (file != null && DeployFiles.isJarName(file)) {
            notices.quiet(file);
        }
    }

    private void arrived(File artifact) {
        Path file = inFolder(artifact);
        Optional<String> pid = file == null ? Optional.empty() : reserved.reservedPid(file);
        if (pid.isPresent()) {
            LOG.log(WARNING, "refused {0}: {1} is a setting of the container, which the deploy folder cannot change",
                    file.getFileName(), pid.get());
        } else if (file != null && DeployFiles.isJarName(file)) {
            notices.quiet(file);
        } else if (file != null && isSpecialConfiguration(file)) {
            LOG.log(WARNING, "ignored {0}: not a regular file", file.getFileName());
        } else {
            LOG.log(WARNING, "ignored {0}: a folder; the deploy folder takes jar files only", artifact.getName());
        }
    }

    /**
     * A configuration file that is a pipe, a device or a folder (or a link to one). FileInstall's configuration
     * installer would open it and wait for good on a pipe nobody writes, and with it every later poll: claimed,
     * it is only named in the log.
     */
    private static boolean isSpecialConfiguration(Path file) {
        return DeployFiles.isConfigurationName(file) && Files.exists(file) && !Files.isRegularFile(file);
    }

    /**
     * The file as the watcher names it, when it is in the deploy folder; else null. FileInstall names files by
     * their real path: through a folder named by a link (a checkout under a linked home), a claim made on the
     * name alone would miss every file, and FileInstall would install them itself, unchecked.
     */
    private Path inFolder(File artifact) {
        Path file = artifact.toPath().toAbsolutePath().normalize();
        Path parent = file.getParent();
        if (parent == null || file.getFileName() == null) {
            return null;
        }
        if (parent.equals(folder) || isSameFolder(parent)) {
            return folder.resolve(file.getFileName().toString());
        }
        return null;
    }

    private boolean isSameFolder(Path parent) {
        try {
            return Files.isSameFile(parent, folder);
        } catch (IOException e) {
            return false;
        }
    }
}
