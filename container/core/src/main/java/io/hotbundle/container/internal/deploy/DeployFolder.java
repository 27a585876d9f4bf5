package io.hotbundle.container.internal.deploy;

import static java.lang.System.Logger.Level.INFO;

import java.io.File;
import java.io.IOException;
import java.lang.System.Logger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.hotbundle.api.HotHandles;
import io.hotbundle.api.state.PluginState;
import io.hotbundle.container.internal.plugins.PluginDeployer;

/**
 * Takes the jars of the deploy folder away from FileInstall's own bundle handling and hands them to the
 * container.
 *
 * <p>FileInstall asks its artifact listeners in ranking order and falls back to its built-in bundle installer
 * last; an {@link ArtifactInstaller} that claims every jar in the folder therefore owns every install, update
 * and uninstall, which is what lets the container check a jar before it is installed and own the swap.
 * {@code .cfg} and {@code .config} files stay with FileInstall, which turns them into configurations.
 *
 * <p>Ordering is the point of this class. A watcher that scans before FileInstall knows this installer would
 * install the jars itself, behind the container's back. So the installer is registered by hand rather than by
 * DS: {@code registerService} delivers the event to FileInstall's listener tracker synchronously, so when it
 * returns FileInstall holds the installer (or, not started yet, will find it when it opens its tracker, which
 * it does before it reads any watcher configuration). Only then is the watcher configured.
 */
@Component(immediate = true)
@Designate(ocd = DeployFolder.Config.class)
public final class DeployFolder implements ArtifactInstaller {

    /** Tunables of the watched folder, under PID {@code io.hotbundle.container.internal.deploy.DeployFolder}. */
    @ObjectClassDefinition(name = "Hotbundle deploy folder")
    public @interface Config {

        @AttributeDefinition(description = "How often FileInstall looks at the folder, in milliseconds")
        long poll_ms() default 10;
    }

    private static final Logger LOG = System.getLogger("hotbundle");
    private static final String FILEINSTALL_FACTORY_PID = "org.apache.felix.fileinstall";

    private final Path folder;
    private final PluginDeployer deployer;
    private final ServiceRegistration<ArtifactInstaller> registration;
    private final Configuration watcher;

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
        this.deployer = deployer;
        Files.createDirectories(folder);
        deployer.deployInitial(DeployFiles.bundleCandidates(folder));

        var ranking = new Hashtable<String, Object>();
        ranking.put(Constants.SERVICE_RANKING, 1000);
        this.registration = context.registerService(ArtifactInstaller.class, this, ranking);

        Path scratch = context.getDataFile("fileinstall").toPath();
        Files.createDirectories(scratch);
        this.watcher = configurationAdmin.getFactoryConfiguration(FILEINSTALL_FACTORY_PID, "hotbundle", "?");
        watcher.updateIfDifferent(watcherProperties(config, scratch));
        LOG.log(INFO, "watching {0} every {1} ms", folder, config.poll_ms());
    }

    private Dictionary<String, Object> watcherProperties(Config config, Path scratch) {
        var properties = new Hashtable<String, Object>();
        properties.put("felix.fileinstall.dir", folder.toString());
        properties.put("felix.fileinstall.poll", String.valueOf(config.poll_ms()));
        properties.put("felix.fileinstall.filter", DeployFiles.FILTER);
        properties.put("felix.fileinstall.tmpdir", scratch.toString());
        // The container has already processed what was there at start; files are at rest then.
        properties.put("felix.fileinstall.noInitialDelay", "true");
        // Never write configurations back into the operator's .cfg files.
        properties.put("felix.fileinstall.enableConfigSave", "false");
        // Should FileInstall ever refresh, it refreshes only what it manages.
        properties.put("felix.fileinstall.optionalImportRefreshScope", "managed");
        properties.put("felix.fileinstall.fragmentRefreshScope", "managed");
        properties.put("felix.fileinstall.log.level", "2");
        return properties;
    }

    @Deactivate
    void deactivate() throws IOException {
        try {
            watcher.delete();
        } finally {
            registration.unregister();
        }
    }

    /**
     * Claims every jar of the folder, links included: what the container does not claim, FileInstall would
     * install itself. The container then refuses what it must (links, files that are not bundles).
     */
    @Override
    public boolean canHandle(File artifact) {
        Path file = artifact.toPath().toAbsolutePath().normalize();
        return folder.equals(file.getParent()) && file.getFileName().toString().endsWith(".jar");
    }

    @Override
    public void install(File artifact) {
        deployer.fileChanged(artifact.toPath().toAbsolutePath().normalize());
    }

    @Override
    public void update(File artifact) {
        deployer.fileChanged(artifact.toPath().toAbsolutePath().normalize());
    }

    @Override
    public void uninstall(File artifact) {
        deployer.fileChanged(artifact.toPath().toAbsolutePath().normalize());
    }
}
