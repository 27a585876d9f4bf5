package io.hotbundle.logging.internal.xml;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The Logback configuration of the container, as text: the console as short as it always was
 * ({@code HH:mm:ss LEVEL message}, with the JDK's level names it always had: WARNING, SEVERE) and a size-bounded rolling file in the work folder whose every line names the
 * bundle and version that wrote it (the log commands read it). Plain Java with no OSGi type: the launcher writes the first one with it
 * before anything starts, so that the first line of the container already reaches the file.
 */
public final class LogbackXml {

    /** The levels Logback knows, and OFF. */
    public static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    /** Infrastructure that talks a lot at INFO: quiet unless the operator asks. */
    public static final Map<String, String> QUIET = Map.of("org.apache.felix", "WARN", "org.eclipse.jetty", "WARN",
            "org.ops4j", "WARN", "io.micrometer", "WARN",
            // Pax Logging's copies of framework, bundle and service events: the framework reports its errors itself.
            "Events", "OFF");

    /**
     * Bundles that log at INFO under a logger name of no use for levels (SCR logs as "ROOT"): kept quiet by the
     * bundle the line names, whatever the logger.
     */
    public static final Map<String, String> QUIET_BUNDLES = Map.of("org.apache.felix.scr", "WARN");

    private static final Pattern LOGGER_NAME = Pattern.compile("[A-Za-z0-9_$.\\-]{1,200}");
    private static final Pattern SIZE = Pattern.compile("[0-9]{1,9} ?(?i:kb|mb|gb)?");

    private LogbackXml() {
    }

    /**
     * The whole configuration.
     *
     * @param folder   where the file and its rotated copies go
     * @param fileName the current file's name, for example {@code hotbundle.log}
     * @param maxSize  the size past which the file rotates, in Logback's notation ({@code 10MB})
     * @param files    how many rotated files are kept besides the current one
     * @param root     the level of every logger not named in {@code levels}
     * @param levels   logger name (or bundle symbolic name) to level
     * @throws IllegalArgumentException with a one-line message when a value cannot be used
     */
    public static String of(Path folder, String fileName, String maxSize, int files, String root,
            Map<String, String> levels) {
        if (!LOGGER_NAME.matcher(fileName).matches() || fileName.startsWith(".")) {
            throw new IllegalArgumentException("file.name '" + fileName + "' is not a plain file name");
        }
        if (!SIZE.matcher(maxSize.trim()).matches()) {
            throw new IllegalArgumentException("file.max.size '" + maxSize + "' is not a size like 10MB");
        }
        if (files < 1 || files > 100) {
            throw new IllegalArgumentException("file.count " + files + " is not between 1 and 100");
        }
        String base = fileName.endsWith(".log") ? fileName.substring(0, fileName.length() - 4) : fileName;
        var loggers = new StringBuilder();
        var merged = new TreeMap<String, String>(QUIET);
        merged.putAll(levels);
        for (var entry : merged.entrySet()) {
            loggers.append("  <logger name=\"").append(loggerName(entry.getKey())).append("\" level=\"")
                    .append(level(entry.getValue())).append("\"/>\n");
        }
        var quietBundles = new StringBuilder();
        for (var entry : new TreeMap<>(QUIET_BUNDLES).entrySet()) {
            quietBundles.append("    <MDCValueLevelPair><value>").append(entry.getKey()).append("</value><level>")
                    .append(entry.getValue()).append("</level></MDCValueLevelPair>\n");
        }
        return """
                <configuration>
                  <turboFilter class="ch.qos.logback.classic.turbo.DynamicThresholdFilter">
                    <key>bundle.name</key>
                    <defaultThreshold>TRACE</defaultThreshold>
                    <onHigherOrEqual>NEUTRAL</onHigherOrEqual>
                    <onLower>DENY</onLower>
                QUIETBUNDLES  </turboFilter>
                  <appender name="console" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss} %replace(%replace(%level){'^WARN$','WARNING'}){'^ERROR$','SEVERE'} %replace(%msg){'[\\x00-\\x08\\x0A-\\x1F\\x7F]','?'}%n%nopex</pattern></encoder>
                  </appender>
                  <appender name="file" class="ch.qos.logback.core.rolling.RollingFileAppender">
                    <file>FOLDER/FILE</file>
                    <rollingPolicy class="ch.qos.logback.core.rolling.FixedWindowRollingPolicy">
                      <fileNamePattern>FOLDER/BASE.%i.log</fileNamePattern>
                      <minIndex>1</minIndex>
                      <maxIndex>FILES</maxIndex>
                    </rollingPolicy>
                    <triggeringPolicy class="ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy">
                      <maxFileSize>MAXSIZE</maxFileSize>
                      <checkIncrement>1 second</checkIncrement>
                    </triggeringPolicy>
                    <encoder><pattern>%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%replace(%thread){'[\\x00-\\x1F\\x7F]','?'}] %X{bundle.name:--} %X{bundle.version:--} %logger - %replace(%msg){'[\\x00-\\x08\\x0A-\\x1F\\x7F]','?'}%n</pattern></encoder>
                  </appender>
                LOGGERS  <root level="ROOT">
                    <appender-ref ref="console"/>
                    <appender-ref ref="file"/>
                  </root>
                </configuration>
                """.replace("FOLDER", escape(folder.toAbsolutePath().toString())).replace("FILE", fileName)
                .replace("BASE", base).replace("FILES", String.valueOf(files)).replace("MAXSIZE", maxSize.trim())
                .replace("LOGGERS", loggers).replace("QUIETBUNDLES", quietBundles).replace("ROOT", level(root));
    }

    /** The configuration with every default: 10 MB files, five of them kept, INFO. */
    public static String defaults(Path folder) {
        return of(folder, "hotbundle.log", "10MB", 5, "INFO", Map.of());
    }

    /** A level as Logback spells it. */
    public static String level(String level) {
        String upper = level.trim().toUpperCase(Locale.ROOT);
        if (upper.equals("WARNING")) {
            return "WARN";
        }
        if (!LEVELS.contains(upper)) {
            throw new IllegalArgumentException("'" + level + "' is not a level (TRACE, DEBUG, INFO, WARN, ERROR, OFF)");
        }
        return upper;
    }

    /** A logger or bundle name, checked to be one. */
    public static String loggerName(String name) {
        if (!LOGGER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a logger or bundle name");
        }
        return name;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("$", "&#36;");
    }
}
