package io.hotbundle.container.internal.deploy;

import static java.lang.System.Logger.Level.WARNING;

import java.io.IOException;
import java.lang.System.Logger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * FileInstall's watcher of the deploy folder: the one that turns {@code .cfg} files into configurations, and
 * the safety net that finds by polling what the folder's events missed. It is a FileInstall factory
 * configuration; changing that configuration makes FileInstall start a fresh watcher.
 *
 * <p>It polls the folder's listing rather than use FileInstall's own NIO watcher: that one drops what an event
 * overflow lost, never watches a folder again once it was deleted, and sees nothing on a file system without
 * events; a listing every poll finds all of those, for the cost of one directory read per poll.
 */
final class FileInstallWatch {

    private static final Logger LOG = System.getLogger("hotbundle");
    private static final String FACTORY_PID = "org.apache.felix.fileinstall";
    /** FileInstall's own property on configurations it made from a file: the file's URI. */
    private static final String FILENAME = "felix.fileinstall.filename";
    /** Not FileInstall's: a new value is a new configuration, so FileInstall starts a fresh watcher. */
    private static final String GENERATION = "hotbundle.watch.generation";

    private final ConfigurationAdmin admin;
    private final Path folder;
    private final Path scratch;
    private Configuration configuration;
    private long pollMillis;
    private int generation;

    /** Nothing is configured yet: FileInstall refuses to watch a folder that is not there, with a stack trace. */
    FileInstallWatch(ConfigurationAdmin admin, Path folder, Path scratch, long pollMillis) {
        this.admin = admin;
        this.folder = folder;
        this.scratch = scratch;
        this.pollMillis = pollMillis;
    }

    synchronized void pollMillis(long millis) throws IOException {
        this.pollMillis = millis;
        if (configuration != null) {
            configuration.updateIfDifferent(properties());
        }
    }

    /**
     * Starts FileInstall's watcher, or a fresh one: after the folder was deleted or replaced, the old one keeps
     * what it knew of files that are gone, and would not report a file put back as it was (same name, size and
     * time).
     */
    synchronized void start() {
        try {
            if (configuration == null) {
                configuration = admin.getFactoryConfiguration(FACTORY_PID, "hotbundle", "?");
            } else {
                generation++;
            }
            configuration.updateIfDifferent(properties());
        } catch (IOException | IllegalStateException e) {
            LOG.log(WARNING, "could not start FileInstall''s watcher of {0}: {1}", folder, e);
        }
    }

    /**
     * Deletes the configurations made from files of the folder that are gone. FileInstall does that for a
     * deleted file, but not when the whole folder is gone: its poll then lists nothing and reports nothing.
     */
    void forgetVanishedConfigurations() {
        try {
            Configuration[] configurations = admin.listConfigurations("(" + FILENAME + "=*)");
            if (configurations == null) {
                return;
            }
            for (Configuration made : configurations) {
                Object filename = made.getProperties() == null ? null : made.getProperties().get(FILENAME);
                Path file = filename instanceof String uri ? fileOf(uri) : null;
                if (file != null && folder.equals(file.getParent()) && !Files.exists(file)) {
                    made.delete();
                }
            }
        } catch (IOException | InvalidSyntaxException | IllegalStateException e) {
            LOG.log(WARNING, "could not delete the configurations of files gone with {0}: {1}", folder, e);
        }
    }

    synchronized void close() throws IOException {
        if (configuration != null) {
            configuration.delete();
        }
    }

    private static Path fileOf(String uri) {
        try {
            return Path.of(URI.create(uri)).toAbsolutePath().normalize();
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return null;
        }
    }

    private Dictionary<String, Object> properties() {
        var properties = new Hashtable<String, Object>();
        properties.put("felix.fileinstall.dir", folder.toString());
        properties.put("felix.fileinstall.poll", String.valueOf(pollMillis));
        properties.put("felix.fileinstall.filter", DeployFiles.FILTER);
        properties.put("felix.fileinstall.tmpdir", scratch.toString());
        // A plain listing every poll: see the class comment.
        properties.put("felix.fileinstall.disableNio2", "true");
        // Never a sub-folder: FileInstall would zip one up and install it as a bundle itself, unchecked.
        properties.put("felix.fileinstall.subdir.mode", "skip");
        // It never installs a bundle here (the container claims every jar), so it has none to start.
        properties.put("felix.fileinstall.bundles.new.start", "false");
        // The container has already processed what was there at start; files are at rest then.
        properties.put("felix.fileinstall.noInitialDelay", "true");
        // Should FileInstall ever refresh, it refreshes only what it manages.
        properties.put("felix.fileinstall.optionalImportRefreshScope", "managed");
        properties.put("felix.fileinstall.fragmentRefreshScope", "managed");
        properties.put("felix.fileinstall.log.level", "2");
        properties.put(GENERATION, String.valueOf(generation));
        return properties;
    }
}
