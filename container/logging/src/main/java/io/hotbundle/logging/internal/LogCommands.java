package io.hotbundle.logging.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.hotbundle.logging.internal.xml.LogbackXml;

/**
 * The {@code log:} commands, Karaf's names: {@code log:display} prints the last lines, {@code log:tail} follows
 * them, {@code log:set} changes a level now. The lines are the log file's, as written: each names its bundle and
 * version.
 */
@Component(service = LogCommands.class)
@GogoCommand(scope = "log", function = {"display", "tail", "set"})
@Descriptor("read the container's log and change its levels")
public final class LogCommands {

    private static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

    private final LogSettings settings;
    private final LogFile file;

    @Activate
    public LogCommands(@Reference LogSettings settings) {
        this.settings = settings;
        this.file = new LogFile(settings::file);
    }

    @Descriptor("print the last lines logged")
    public String display(
            @Descriptor("the lowest level shown") @Parameter(names = {"-l", "--level"}, absentValue = "TRACE") String level,
            @Descriptor("how many lines, at most") @Parameter(names = {"-n", "--lines"}, absentValue = "100") int lines)
            throws IOException {
        return display(level, lines, "");
    }

    @Descriptor("print the last lines logged by one plugin or bundle")
    public String display(
            @Descriptor("the lowest level shown") @Parameter(names = {"-l", "--level"}, absentValue = "TRACE") String level,
            @Descriptor("how many lines, at most") @Parameter(names = {"-n", "--lines"}, absentValue = "100") int lines,
            @Descriptor("the plugin or bundle: its symbolic name, or a part of it") String plugin) throws IOException {
        List<String> records = file.last(atLeastZero(lines, "-n", "lines"), filter(plugin, level));
        if (records.isEmpty()) {
            return "no lines logged" + (plugin.isEmpty() ? "" : " by " + plugin) + " at " + level + " or above\n";
        }
        return String.join("\n", records) + "\n";
    }

    @Descriptor("print the last lines, then follow new ones until the client goes away (exec, shell: Ctrl-C there),"
            + " or for --seconds")
    public void tail(CommandSession session,
            @Descriptor("lines shown before following") @Parameter(names = {"-n", "--lines"}, absentValue = "10") int lines,
            @Descriptor("stop after this many seconds; 0 follows until the client goes away")
            @Parameter(names = {"-s", "--seconds"}, absentValue = "0") int seconds,
            @Descriptor("the lowest level shown") @Parameter(names = {"-l", "--level"}, absentValue = "TRACE") String level)
            throws IOException, InterruptedException {
        tail(session, lines, seconds, level, "");
    }

    @Descriptor("follow the lines of one plugin or bundle")
    public void tail(CommandSession session,
            @Descriptor("lines shown before following") @Parameter(names = {"-n", "--lines"}, absentValue = "10") int lines,
            @Descriptor("stop after this many seconds; 0 follows until the client goes away")
            @Parameter(names = {"-s", "--seconds"}, absentValue = "0") int seconds,
            @Descriptor("the lowest level shown") @Parameter(names = {"-l", "--level"}, absentValue = "TRACE") String level,
            @Descriptor("the plugin or bundle: its symbolic name, or a part of it") String plugin)
            throws IOException, InterruptedException {
        atLeastZero(lines, "-n", "lines");
        atLeastZero(seconds, "-s", "seconds");
        PrintStream out = session.getConsole();
        long deadline = seconds > 0 ? System.nanoTime() + Duration.ofSeconds(seconds).toNanos() : Long.MAX_VALUE;
        // A client that went away shows as a write error: the follow ends at the next line it cannot take.
        file.tail(lines, filter(plugin, level), record -> {
            out.println(record);
            out.flush();
            return !out.checkError();
        }, () -> out.checkError() || System.nanoTime() > deadline || Thread.currentThread().isInterrupted());
    }

    @Descriptor("set the level of a logger or bundle now, until the container stops (DEFAULT goes back to the settings)")
    public String set(@Descriptor("TRACE, DEBUG, INFO, WARN, ERROR, OFF or DEFAULT") String level,
            @Descriptor("a logger name (com.acme.pricing), or a bundle's symbolic name") String logger)
            throws IOException {
        boolean reset = level.trim().equalsIgnoreCase("DEFAULT");
        settings.setLevel(logger, reset ? null : level);
        return logger + (reset ? " back to its configured level" : " at " + LogbackXml.level(level)
                + " until the container stops (levels in io.hotbundle.log keep it)") + "\n";
    }

    private static int atLeastZero(int value, String option, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(option + " takes 0 or more " + what + ", not " + value);
        }
        return value;
    }

    /** Records of a bundle whose name contains the text, at the level or above. */
    private static Predicate<String> filter(String plugin, String level) {
        int lowest = LEVELS.indexOf(LogbackXml.level(level));
        String part = plugin.toLowerCase(Locale.ROOT);
        return record -> {
            int rank = LEVELS.indexOf(LogFile.level(record));
            return (rank < 0 || rank >= lowest)
                    && (part.isEmpty() || LogFile.bundle(record).toLowerCase(Locale.ROOT).contains(part));
        };
    }
}
