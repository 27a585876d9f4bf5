package io.hotbundle.container.internal.settings;

import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;

import java.io.IOException;
import java.lang.System.Logger;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The operator's settings: one file per configuration PID in the {@code etc/} folder ({@code etc/<pid>.cfg},
 * Java properties, as Karaf has it), outside the deploy folder, where whoever may drop a jar cannot change them.
 *
 * <p>They are in force before the first file of the deploy folder is looked at: this component loads them into
 * ConfigAdmin when it activates, and it always creates the deployer's configuration (empty when the operator wrote
 * none), which the deployer requires before it activates. Changes to the files apply while the container runs; a
 * deleted file puts the defaults back. A file that others could write, or that is not the operator's, is refused.
 */
@Component(immediate = true, service = ContainerSettings.class)
public final class ContainerSettings {

    /** Framework property naming the folder; the launcher sets it. */
    public static final String ETC_PROPERTY = "hotbundle.etc";
    /** The PID whose configuration must exist before any jar is admitted. */
    static final String DEPLOYER_PID = "io.hotbundle.deployer";

    private static final Logger LOG = System.getLogger("hotbundle");

    private final ConfigurationAdmin admin;
    private final SettingsFolder folder;

    @Activate
    public ContainerSettings(BundleContext context, @Reference ConfigurationAdmin admin) throws IOException {
        this.admin = admin;
        String etc = context.getProperty(ETC_PROPERTY);
        this.folder = etc == null ? null : new SettingsFolder(Path.of(etc), this::apply, this::removed);
        if (folder != null) {
            folder.loadAll();
        }
        Configuration deployer = admin.getConfiguration(DEPLOYER_PID, null);
        if (deployer.getProperties() == null) {
            deployer.update(new Hashtable<>()); // the defaults, in force from the first file on
        }
        if (folder != null) {
            folder.watch();
        }
    }

    @Deactivate
    void deactivate() {
        if (folder != null) {
            folder.close();
        }
    }

    private void apply(String pid, Map<String, String> values, Path file) {
        try {
            Configuration configuration = admin.getConfiguration(pid, null);
            Dictionary<String, Object> properties = new Hashtable<>(TypedValues.checked(pid, values, file));
            properties.put(SettingsFolder.SOURCE_PROPERTY, file.toString());
            if (same(configuration.getProperties(), properties)) {
                return;
            }
            configuration.update(properties);
            LOG.log(INFO, "settings: {0} applied", file.getFileName());
        } catch (IOException e) {
            LOG.log(ERROR, "settings: {0} could not be applied: {1}", file.getFileName(), e.getMessage());
        }
    }

    /** A deleted file: the deployer goes back to its defaults (it must always have a configuration). */
    private void removed(String pid, Path file) {
        try {
            Configuration configuration = admin.getConfiguration(pid, null);
            if (DEPLOYER_PID.equals(pid)) {
                configuration.update(new Hashtable<>());
            } else {
                configuration.delete();
            }
            LOG.log(INFO, "settings: {0} removed, the defaults apply", file.getFileName());
        } catch (IOException e) {
            LOG.log(ERROR, "settings: the removal of {0} could not be applied: {1}", file.getFileName(), e.getMessage());
        }
    }

    private static boolean same(Dictionary<String, Object> current, Dictionary<String, Object> wanted) {
        if (current == null) {
            return false;
        }
        var now = new Hashtable<String, Object>();
        for (var keys = current.keys(); keys.hasMoreElements(); ) {
            String key = keys.nextElement();
            if (!key.equals("service.pid") && !key.equals("service.bundleLocation")) {
                now.put(key, current.get(key));
            }
        }
        return now.equals(wanted);
    }
}
