package io.hotbundle.logging.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

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
 * them, {@code log:set} changes a level now. They read the lines the Log Service hands out, the same lines the
 * file gets.
 */
@Component(service = LogCommands.class)
@GogoCommand(scope = "log", function = {"display", "tail", "set"})
@Descriptor("read the container's log and change its levels")
public final class LogCommands {

    private static final int QUEUED = 1000;

    private final RecentEntries recent;
    private final LogSettings settings;

    @Activate
    public LogCommands(@Reference RecentEntries recent, @Reference LogSettings settings) {
        this.recent = recent;
        this.settings = settings;
    }

    @Descriptor("print the last lines logged")
    public String display(
            @Descriptor("the lowest level shown") @Parameter(names = {"-l", "--level"}, absentValue = "TRACE") String level,
            @Descriptor("how many lines, at most") @Parameter(names = {"-n", "--lines"}, absentValue = "100") int lines) {
        return display(level, lines, "");
    }

    @Descriptor("print the last lines logged by one plugin or bundle")
    public String display(
            @Descriptor("the lowest level shown") @Parameter(names = {"-l", "--level"}, absentValue = "TRACE") String level,
            @Descriptor("how many lines, at most") @Parameter(names = {"-n", "--lines"}, absentValue = "100") int lines,
            @Descriptor("the plugin or bundle: its symbolic name, or a part of it") String plugin) {
        var filter = new LineFilter(plugin, level);
        List<LogLine> matching = recent.recent().stream().filter(filter::accepts).toList();
        var text = new StringBuilder();
        matching.subList(Math.max(0, matching.size() - Math.max(0, lines)), matching.size())
                .forEach(line -> text.append(line).append('\n'));
        return text.length() == 0 ? "no lines logged" + (plugin.isEmpty() ? "" : " by " + plugin) + " at " + level
                + " or above\n" : text.toString();
    }

    @Descriptor("print the last lines, then follow new ones until the client goes away (exec, shell: Ctrl-C there),"
            + " or for --seconds")
    public void tail(CommandSession session,
            @Descriptor("lines shown before following") @Parameter(names = {"-n", "--lines"}, absentValue = "10") int lines,
            @Descriptor("stop after this many seconds; 0 follows until the client goes away")
            @Parameter(names = {"-s", "--seconds"}, absentValue = "0") int seconds,
            @Descriptor("the lowest level shown") @Parameter(names = {"-l", "--level"}, absentValue = "TRACE") String level)
            throws InterruptedException {
        tail(session, lines, seconds, level, "");
    }

    @Descriptor("follow the lines of one plugin or bundle")
    public void tail(CommandSession session,
            @Descriptor("lines shown before following") @Parameter(names = {"-n", "--lines"}, absentValue = "10") int lines,
            @Descriptor("stop after this many seconds; 0 follows until the client goes away")
            @Parameter(names = {"-s", "--seconds"}, absentValue = "0") int seconds,
            @Descriptor("the lowest level shown") @Parameter(names = {"-l", "--level"}, absentValue = "TRACE") String level,
            @Descriptor("the plugin or bundle: its symbolic name, or a part of it") String plugin)
            throws InterruptedException {
        var filter = new LineFilter(plugin, level);
        PrintStream out = session.getConsole();
        BlockingQueue<LogLine> queue = new ArrayBlockingQueue<>(QUEUED);
        Consumer<LogLine> follower = queue::offer;
        recent.follow(follower);
        try {
            out.print(display(level, lines, plugin).replaceFirst("^no lines logged.*\n$", ""));
            out.flush();
            long deadline = seconds > 0 ? System.nanoTime() + Duration.ofSeconds(seconds).toNanos() : Long.MAX_VALUE;
            while (!out.checkError() && System.nanoTime() < deadline) {
                LogLine entry = queue.poll(200, TimeUnit.MILLISECONDS);
                if (entry != null && filter.accepts(entry)) {
                    out.println(entry);
                    out.flush();
                }
            }
        } finally {
            recent.unfollow(follower);
        }
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

    /** Which lines a command shows: a bundle whose name contains the text, at a level or above. */
    private record LineFilter(String plugin, int lowest) {

        LineFilter(String plugin, String level) {
            this(plugin.toLowerCase(Locale.ROOT), LogLine.rank(LogbackXml.level(level)));
        }

        boolean accepts(LogLine line) {
            return LogLine.rank(line.level()) >= lowest
                    && (plugin.isEmpty() || line.bundle().toLowerCase(Locale.ROOT).contains(plugin));
        }
    }
}
