package io.hotbundle.launcher;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.osgi.framework.BundleException;

/**
 * Starts the Hotbundle container in the foreground and stops it cleanly on Ctrl-C or SIGTERM (exit status 0).
 *
 * <p>Every error the user can cause (a wrong option, a folder in use) is one line on stderr and a non-zero
 * exit status, never a stack trace.
 */
public final class Main {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int EXIT_USAGE = 2;
    private static final int EXIT_FAILURE = 1;

    private Main() {
    }

    public static void main(String[] args) {
        // One line per log record; must be set before anything logs.
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s %5$s%6$s%n");
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(List.of(args), Path.of(System.getProperty("hotbundle.home", ".")));
            if (options.mode() == LaunchOptions.Mode.RUN && !options.help()) {
                DeployFolder.prepare(options.deploy());
                SettingsFolder.check(options.etc());
            }
        } catch (IllegalArgumentException e) {
            System.err.println("hotbundle: " + e.getMessage());
            System.exit(EXIT_USAGE);
            return;
        }
        if (options.help()) {
            System.out.print(LaunchOptions.USAGE);
            return;
        }
        System.exit(switch (options.mode()) {
            case RUN, DEV -> run(options);
            case EXEC -> ConsoleClient.exec(options);
            case SHELL -> ConsoleClient.shell(options);
        });
    }

    private static int run(LaunchOptions options) {
        var refusal = HttpPreflight.refusal(options.etc());
        if (refusal.isPresent()) {
            System.err.println("hotbundle: " + refusal.get());
            return EXIT_FAILURE;
        }
        // Before anything can log: the log handler keeps the stream it finds.
        TerminalOutput output = options.console() ? TerminalOutput.install() : null;
        StopSignals signals = StopSignals.install(STOP_TIMEOUT, EXIT_FAILURE);
        try (WorkFolder work = WorkFolder.lock(options.work())) {
            EmbeddedFelix felix = EmbeddedFelix.boot(options, work, distribution().resolve("system"));
            signals.attach(felix);

            int plugins = felix.awaitContainer(READY_TIMEOUT);
            if (plugins < 0 && signals.requested()) {
                // Stopped while starting: no ready line, the same clean end as any stop.
                return felix.awaitStopped(STOP_TIMEOUT.plusSeconds(5)) ? stopped() : EXIT_FAILURE;
            }
            if (plugins < 0) {
                System.err.println("hotbundle: the container did not become ready within " + READY_TIMEOUT.toSeconds()
                        + " s; stopping");
                felix.requestStop();
                felix.awaitStopped(STOP_TIMEOUT);
                return EXIT_FAILURE;
            }
            // One write: printf writes piece by piece, and a log line of another thread could land inside it.
            System.out.print(String.format("hotbundle ready in %d ms, watching %s (%d plugin%s)%n", millisSinceStart(),
                    display(options.deploy()), plugins, plugins == 1 ? "" : "s"));
            if (output != null) {
                felix.openConsole(output);
            }
            AutoCloseable dev = options.mode() == LaunchOptions.Mode.DEV
                    ? DevModeLoader.start(felix.context(), options, distribution()) : () -> { };
            boolean stopped = felix.awaitStopped(Duration.ofMillis(Long.MAX_VALUE));
            DevModeLoader.stop(dev);
            return stopped ? stopped() : EXIT_FAILURE;
        } catch (IllegalStateException | IOException | BundleException e) {
            System.err.println("hotbundle: " + e.getMessage());
            return EXIT_FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EXIT_FAILURE;
        }
    }

    private static int stopped() {
        System.out.println("hotbundle stopped");
        return 0;
    }

    /** The folder this launcher's jar is in: {@code lib/} and {@code system/} are beside it. */
    private static Path distribution() {
        try {
            return Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the launcher's own jar: " + e.getMessage(), e);
        }
    }

    /** Since the JVM started: the process may be older, when the script built something before exec'ing java. */
    private static long millisSinceStart() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }

    /** The folder as the user would type it: relative to the working directory when inside it. */
    private static String display(Path folder) {
        Path here = Path.of("").toAbsolutePath();
        return (folder.startsWith(here) && !folder.equals(here) ? here.relativize(folder) : folder) + "/";
    }
}
