package io.hotbundle.logging.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Hashtable;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.hotbundle.logging.internal.xml.LogbackXml;

/**
 * Applies the operator's logging settings (PID {@code io.hotbundle.log}) and the levels set live with
 * {@code log:set}: it writes the Logback configuration into the work folder's {@code log/} and points Pax
 * Logging at it (PID {@code org.ops4j.pax.logging}), which reconfigures Logback at once. Levels set live last
 * until the container stops; levels that must last go in the settings' {@code levels}.
 */
@Component(service = LogSettings.class, configurationPid = LogSettings.PID, immediate = true)
@Designate(ocd = LogSettings.Config.class)
public final class LogSettings {

    static final String PID = "io.hotbundle.log";
    static final String PAX_PID = "org.ops4j.pax.logging";
    static final String PAX_FILE = "org.ops4j.pax.logging.logback.config.file";

    @ObjectClassDefinition(name = "Hotbundle logging")
    public @interface Config {
        @AttributeDefinition(description = "level of every logger not named in levels: TRACE, DEBUG, INFO, WARN, ERROR")
        String level() default "INFO";

        @AttributeDefinition(description = "per logger or bundle: 'name=LEVEL' (com.acme.pricing=DEBUG)")
        String[] levels() default {};

        @AttributeDefinition(description = "the log file's name in the work folder's log/")
        String file_name() default "hotbundle.log";

        @AttributeDefinition(description = "the size past which the file rotates (10MB, 512KB)")
        String file_max_size() default "10MB";

        @AttributeDefinition(description = "how many rotated files are kept")
        int file_count() default 5;
    }

    private final Path folder;
    private final Configuration pax;
    private final Map<String, String> live = new ConcurrentHashMap<>();
    private final Logger log;
    private volatile Config config;

    @Activate
    public LogSettings(BundleContext context, @Reference ConfigurationAdmin admin,
            @Reference(service = LoggerFactory.class) Logger log, Config config) throws IOException {
        this.folder = logFolder(context);
        this.pax = admin.getConfiguration(PAX_PID, "?");
        this.log = log;
        this.config = config;
        try {
            apply();
        } catch (IllegalArgumentException e) {
            log.error("{}: {}; logging keeps its defaults", PID, e.getMessage());
        }
    }

    /** The work folder's {@code log/}, created owner-only. */
    static Path logFolder(BundleContext context) throws IOException {
        String work = context.getProperty("hotbundle.work");
        Path folder = Path.of(work == null ? "work" : work).resolve("log");
        Files.createDirectories(folder);
        try {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own defaults apply
        }
        return folder;
    }

    @Modified
    synchronized void modified(Config changed) throws IOException {
        Config previous = config;
        this.config = changed;
        try {
            apply();
        } catch (IllegalArgumentException e) {
            this.config = previous;
            log.error("{}: {}; logging keeps its settings", PID, e.getMessage());
        }
    }

    /** Sets a logger's (or bundle's) level now; {@code null} goes back to the settings. */
    synchronized void setLevel(String logger, String level) throws IOException {
        String name = LogbackXml.loggerName(logger);
        String previous = level == null ? live.remove(name) : live.put(name, LogbackXml.level(level));
        try {
            apply();
        } catch (IOException | RuntimeException e) {
            if (previous == null) {
                live.remove(name);
            } else {
                live.put(name, previous);
            }
            throw e;
        }
    }

    /** The levels in force besides the root's: the settings', then the live ones over them. */
    Map<String, String> levels() {
        var levels = new TreeMap<String, String>();
        for (String entry : config.levels()) {
            int equals = entry.indexOf('=');
            if (equals > 0) {
                levels.put(entry.substring(0, equals).trim(), entry.substring(equals + 1).trim());
            }
        }
        levels.putAll(live);
        return levels;
    }

    /** The file lines go to now. */
    Path file() {
        return folder.resolve(config.file_name());
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    private synchronized void apply() throws IOException {
        Config current = config;
        String xml = LogbackXml.of(folder, current.file_name(), current.file_max_size(), current.file_count(),
                current.level(), levels());
        Path target = folder.resolve("logback.xml");
        Path temporary = folder.resolve(".logback.xml.tmp");
        Files.writeString(temporary, xml, StandardCharsets.UTF_8);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        if (pax.getProperties() == null && xml.equals(readQuietly(folder.resolve("logback-boot.xml")))) {
            return; // what the launcher started Logback with: reconfiguring to the same would only reopen the file
        }
        var properties = new Hashtable<String, Object>();
        properties.put(PAX_FILE, target.toString());
        // Pax Logging reads the file again on every update; the digest makes each change of content one.
        properties.put("hotbundle.digest", Integer.toHexString(xml.hashCode()));
        pax.updateIfDifferent(properties);
    }
}
