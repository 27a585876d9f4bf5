package io.hotbundle.container.internal.settings;

import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import java.io.IOException;
import java.io.Reader;
import java.lang.System.Logger;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code etc/} folder: reads each {@code <pid>.cfg} whole, refuses a file or folder that someone other than
 * the container's user owns or may write, and tells its owner about changes, from a thread that sleeps until the
 * operating system reports one.
 */
final class SettingsFolder {

    /** The property that names the file a configuration came from. */
    static final String SOURCE_PROPERTY = "hotbundle.settings.file";

    private static final Logger LOG = System.getLogger("hotbundle");
    private static final long QUIET_MILLIS = 100;
    private static final Pattern FILE = Pattern.compile("([A-Za-z0-9_.-]+)[.]cfg");

    interface Applier {
        void apply(String pid, Map<String, String> values, Path file);
    }

    interface Remover {
        void removed(String pid, Path file);
    }

    private final Path folder;
    private final Applier applier;
    private final Remover remover;
    private WatchService watcher;
    private volatile WatchKey folderKey;
    private Thread thread;

    SettingsFolder(Path folder, Applier applier, Remover remover) {
        this.folder = folder.toAbsolutePath().normalize();
        this.applier = applier;
        this.remover = remover;
    }

    void loadAll() throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        String unsafe = unsafe(folder);
        if (unsafe != null) {
            LOG.log(ERROR, "settings: {0} is refused: {1}; none of its files apply", folder, unsafe);
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            files.sorted().forEach(this::load);
        }
    }

    private void load(Path file) {
        var name = FILE.matcher(file.getFileName().toString());
        if (!name.matches() || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        String unsafe = unsafe(file);
        if (unsafe != null) {
            LOG.log(ERROR, "settings: {0} is refused: {1}", file, unsafe);
            return;
        }
        var properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(ERROR, "settings: {0} cannot be read: {1}", file, e.getMessage());
            return;
        }
        var values = new LinkedHashMap<String, String>();
        properties.stringPropertyNames().stream().sorted().forEach(k -> values.put(k, properties.getProperty(k).trim()));
        applier.apply(name.group(1), values, file);
    }

    /** Why a file or folder must not be trusted with settings: someone else owns it or may write it. */
    private static String unsafe(Path path) {
        try {
            PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            String me = System.getProperty("user.name");
            if (!attributes.owner().getName().equals(me)) {
                return "it is owned by " + attributes.owner().getName() + ", not " + me;
            }
            Set<PosixFilePermission> permissions = attributes.permissions();
            if (permissions.contains(PosixFilePermission.GROUP_WRITE) || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
                return "others may write it (chmod go-w)";
            }
            return null;
        } catch (UnsupportedOperationException e) {
            return null; // no POSIX permissions here: nothing to check
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    /**
     * Watches the folder, and its parent for the folder itself: an {@code etc/} created (or deleted and created
     * again) while the container runs applies as soon as it appears, as an edit does.
     */
    void watch() throws IOException {
        watcher = folder.getFileSystem().newWatchService();
        Path parent = folder.getParent();
        if (parent != null && Files.isDirectory(parent)) {
            parent.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
        }
        watchFolder();
        thread = new Thread(this::run, "hotbundle-settings");
        thread.setDaemon(true);
        thread.start();
    }

    private void watchFolder() throws IOException {
        if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            folderKey = folder.register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        }
    }

    private void run() {
        try {
            for (WatchKey key = watcher.take(); ; key = watcher.take()) {
                // An editor writes a file in steps: read it once it has been quiet for a moment, never half.
                var changed = new java.util.TreeSet<Path>();
                boolean reloadAll = false;
                for (; key != null; key = watcher.poll(QUIET_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    for (WatchEvent<?> event : key.pollEvents()) {
                        if (!(event.context() instanceof Path name)) {
                            reloadAll = true; // an overflow: events were lost
                        } else if (key == folderKey) {
                            changed.add(folder.resolve(name));
                        } else if (name.equals(folder.getFileName()) && folderKey == null) {
                            reloadAll |= appeared();
                        }
                    }
                    if (!key.reset() && key == folderKey) {
                        folderKey = null;
                        LOG.log(WARNING, "settings: {0} is gone; its settings stay as they are until it is back", folder);
                    }
                }
                if (reloadAll) {
                    loadAllQuietly();
                } else {
                    changed.forEach(this::changed);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // Closed: the container stops.
        }
    }

    /** The folder was created while the container runs: watch it, and read all it holds. */
    private boolean appeared() {
        try {
            watchFolder();
            if (folderKey == null) {
                // A link (to a folder someone else may write, say) or a file: never followed.
                LOG.log(ERROR, "settings: {0} is refused: it is not a folder (a link is not followed); none of its "
                        + "files apply", folder);
                return false;
            }
            LOG.log(INFO, "settings: {0} appeared", folder);
            return true;
        } catch (IOException e) {
            LOG.log(ERROR, "settings: {0} cannot be watched: {1}", folder, e.getMessage());
            return false;
        }
    }

    private void changed(Path file) {
        var name = FILE.matcher(file.getFileName().toString());
        if (!name.matches()) {
            return;
        }
        // The folder may have become writable by others since it was read: then no change in it counts, a
        // removal included (it could take trust mode's settings away).
        String unsafe = unsafe(folder);
        if (unsafe != null) {
            LOG.log(ERROR, "settings: {0} is refused: {1}; the change to {2} does not apply", folder, unsafe,
                    file.getFileName());
            return;
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            load(file);
        } else {
            remover.removed(name.group(1), file);
        }
    }

    private void loadAllQuietly() {
        try {
            loadAll();
        } catch (IOException e) {
            LOG.log(ERROR, "settings: {0} cannot be read: {1}", folder, e.getMessage());
        }
    }

    void close() {
        try {
            if (watcher != null) {
                watcher.close();
            }
        } catch (IOException e) {
            // Closing; nothing to do.
        }
    }
}
