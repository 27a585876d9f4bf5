package io.hotbundle.console.internal;

import java.io.IOError;
import java.io.InterruptedIOException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.propertytypes.SatisfyingConditionTarget;
import org.osgi.service.condition.Condition;

import io.hotbundle.console.internal.socket.OwnerOnly;

/**
 * The interactive console: Gogo commands ({@code lb}, {@code scr:list}, {@code help}, {@code hot:*}) read with
 * JLine (history, line editing, tab completion of command and plugin names) on the terminal the container runs
 * in. It exists only while the launcher says there is a terminal, by registering the {@value #TERMINAL}
 * condition once the container is ready, so that the prompt comes after the ready line.
 *
 * <p>Why not Gogo's own JLine console: its terminal turns Ctrl-C into a fresh prompt, while the launcher promises
 * that Ctrl-C stops the container. JLine takes the JVM's SIGINT handler all the same, whatever the terminal is
 * built with: each {@code readLine} installs its own and, when it returns, puts back the terminal's, which is the
 * signal's default action (the process killed by the signal, no state handed off) unless the terminal has a
 * handler. So the terminal's handler stops the container: a Ctrl-C while a command runs (a {@code log:tail -s
 * 30}, say) stops it cleanly, as one at the prompt does. End of input (Ctrl-D) or {@code exit} stops the
 * container too: the console is its foreground.
 *
 * <p>Plugins print while a person types. So that their lines land above the prompt rather than inside the line
 * being typed, the launcher hands over the process's standard output and error, line by line, through a
 * {@value #OUTPUT} service (a {@code Consumer} of a line consumer: a JDK type, since the launcher runs outside
 * the framework), and the console prints each line with JLine's {@code printAbove}, which redraws the prompt
 * and the typed line under it. Gogo's per-session output is untouched: a remote session's output still goes
 * to its own socket.
 */
@Component(immediate = true)
@SatisfyingConditionTarget("(" + Condition.CONDITION_ID + "=" + TerminalConsole.TERMINAL + ")")
public final class TerminalConsole {

    /** The condition the launcher registers when the container runs on a terminal of its own. */
    static final String TERMINAL = "hotbundle.terminal";

    /** Selects the launcher's service that hands over standard output and error. */
    static final String OUTPUT = "hotbundle.output=terminal";

    private static final String PROMPT = "g! ";

    private final BundleContext context;
    private final Terminal terminal;
    private final Consumer<Consumer<String>> output;
    private final Thread thread;
    private volatile boolean closing;

    @Activate
    public TerminalConsole(BundleContext context, @Reference CommandProcessor processor,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, target = "(" + OUTPUT + ")")
            Consumer<Consumer<String>> output) throws IOException {
        this.context = context;
        this.output = output;
        this.terminal = TerminalBuilder.builder().name("hotbundle").system(true).nativeSignals(false).build();
        terminal.handle(Terminal.Signal.INT, signal -> stopContainer());
        var builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("hotbundle")
                .completer(new CommandCompleter(context));
        Path history = historyFile(context);
        if (history != null) {
            builder.variable(LineReader.HISTORY_FILE, history);
        }
        var reader = builder.build();
        CommandSession session = processor.createSession(terminal.input(), terminal.output(), terminal.output());
        if (output != null) {
            output.accept(reader::printAbove);
        }
        this.thread = new Thread(() -> loop(reader, session), "hotbundle-console");
        thread.start();
    }

    /** The history, in an owner-only file (what was typed may name anything); none, with a warning, if it fails. */
    private static Path historyFile(BundleContext context) {
        String work = context.getProperty("hotbundle.work");
        Path file = work == null ? context.getDataFile("history").toPath() : Path.of(work, "console-history");
        try {
            return OwnerOnly.file(file);
        } catch (IOException e) {
            System.getLogger("hotbundle").log(System.Logger.Level.WARNING, "the console keeps no history: {0}: {1}",
                    file, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return null;
        }
    }

    private void loop(LineReader reader, CommandSession session) {
        PrintWriter out = terminal.writer();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                String line = reader.readLine(PROMPT).trim();
                if (line.equals("exit")) {
                    break;
                }
                if (!line.isEmpty()) {
                    LineRunner.run(session, line, out);
                }
            }
        } catch (EndOfFileException | UserInterruptException e) {
            // Ctrl-D, or Ctrl-C on a terminal that reports it as a key: leave.
        } catch (IOError e) {
            // The terminal cannot be read. Usually because Ctrl-C's SIGINT also hit the stty that JLine was
            // running, or because the container is stopping already (a SIGTERM, whose stop closes the terminal
            // under the reader): then say nothing. Otherwise the terminal is gone, and the container stops as it
            // would on SIGHUP, saying why.
            if (!closing && !killedByCtrlC(e) && !stopBegins()) {
                System.err.println("hotbundle: the terminal cannot be read any more (" + e.getMessage() + "); stopping");
            }
        } finally {
            session.close();
            if (!closing) {
                stopContainer();
            }
        }
    }

    /** Stopping never throws: the terminal is given back to the launcher whatever happens. */
    @Deactivate
    void deactivate() {
        closing = true;
        if (output != null) {
            output.accept(null);
        }
        thread.interrupt();
        try {
            terminal.close();
            thread.join(1000);
        } catch (IOException e) {
            // The terminal is gone already.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether the read failed because of Ctrl-C: its SIGINT killed the stty JLine was starting (the JDK then says
     * "Failed to exec spawn helper: pid: N, signal: 2"), or JLine, which takes SIGINT while it reads a line,
     * interrupted the reading thread while it waited for that stty ("Command interrupted"). That is the user's
     * Ctrl-C, not a lost terminal, and the container stops without a word, whoever begins to stop it.
     */
    static boolean killedByCtrlC(IOError e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedIOException || t.getMessage() != null && t.getMessage().contains("signal: 2")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the container starts stopping within a moment: a signal's stop runs on another thread. */
    private boolean stopBegins() {
        Bundle system = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (System.nanoTime() < deadline) {
            if (closing || system.getState() != Bundle.ACTIVE) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return true;
            }
        }
        return false;
    }

    private void stopContainer() {
        try {
            context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).stop();
        } catch (BundleException | IllegalStateException e) {
            // Already stopping.
        }
    }
}
