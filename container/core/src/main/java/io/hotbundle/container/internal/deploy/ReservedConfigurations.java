package io.hotbundle.container.internal.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Which configuration files the deploy folder may not hold: those of the container's own settings and of the
 * framework it runs on. Whoever may drop a jar into the folder may drop a {@code .cfg} too; were it taken, it
 * could switch trust mode off ({@code io.hotbundle.deployer} with an empty {@code trust.store}) or start a
 * FileInstall watcher on another folder, whose jars FileInstall would install itself, unchecked.
 *
 * <p>A file's PID is what FileInstall makes of its name: {@code pid.cfg}, or {@code factoryPid-name.cfg}.
 * Reserved are the PIDs
 * <ul>
 * <li>{@code io.hotbundle} and {@code io.hotbundle.<name>}: the container's settings ({@code io.hotbundle.deployer},
 * {@code io.hotbundle.folder}, ...). Plugins' PIDs have more parts ({@code io.hotbundle.example.greeter});</li>
 * <li>under the symbolic name of a bundle the container runs on (the container, its shell and console, SCR...):
 * its components' PIDs ({@code io.hotbundle.container.internal...});</li>
 * <li>under {@code org.apache.felix} and {@code org.osgi}: the framework's services, FileInstall's watchers;</li>
 * <li>under {@code org.ops4j}: Pax Logging's {@code org.ops4j.pax.logging}, which names the Logback file that says
 * where the container's log lines go (any file its user may write). Its PID is no bundle's symbolic name, so the
 * rule above does not catch it.</li>
 * </ul>
 */
final class ReservedConfigurations {

    private static final Pattern CONTAINER_SETTING = Pattern.compile("io[.]hotbundle([.][^.]+)?");
    private static final String[] INFRASTRUCTURE = {"org.apache.felix.", "org.osgi.", "org.ops4j."};
    /** Where the container's plugins come from (the lead's convention, {@code BundleOperations.LOCATION_PREFIX}). */
    private static final String MANAGED_LOCATION = "hotbundle:";

    private final BundleContext context;

    ReservedConfigurations(BundleContext context) {
        this.context = context;
    }

    /** The reserved PID a configuration file would set, or empty when it is a plugin's (or not a configuration). */
    Optional<String> reservedPid(Path file) {
        if (!DeployFiles.isConfigurationName(file)) {
            return Optional.empty();
        }
        String pid = pidOf(file.getFileName().toString());
        return isReserved(pid, ownBundles()) ? Optional.of(pid) : Optional.empty();
    }

    /** The PID, or factory PID, FileInstall takes from a file name: the name up to its first '-', or its extension. */
    static String pidOf(String fileName) {
        String base = fileName.substring(0, fileName.lastIndexOf('.'));
        int dash = base.indexOf('-');
        return dash > 0 ? base.substring(0, dash) : base;
    }

    /**
     * Whether a PID is reserved, given the symbolic names of the bundles the container runs on. A targeted PID
     * ({@code pid|bundle|version|location}, which ConfigAdmin and SCR apply to {@code pid} in that bundle) is
     * judged by its PID.
     */
    static boolean isReserved(String targetedPid, Collection<String> ownBundles) {
        String pid = targetedPid.split("[|]", 2)[0];
        if (CONTAINER_SETTING.matcher(pid).matches()) {
            return true;
        }
        for (String prefix : INFRASTRUCTURE) {
            if (pid.startsWith(prefix) || pid.equals(prefix.substring(0, prefix.length() - 1))) {
                return true;
            }
        }
        return ownBundles.stream().anyMatch(name -> pid.equals(name) || pid.startsWith(name + "."));
    }

    /** The bundles the container runs on: every bundle but the plugins it installed. */
    private List<String> ownBundles() {
        List<String> names = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getSymbolicName() != null && !bundle.getLocation().startsWith(MANAGED_LOCATION)) {
                names.add(bundle.getSymbolicName());
            }
        }
        return names;
    }
}
