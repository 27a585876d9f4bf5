package io.hotbundle.launcher;

import java.nio.file.Path;
import java.util.List;

/**
 * The launcher's command line.
 *
 * @param mode    run a container, or talk to a running one
 * @param command the command line to run, for {@link Mode#EXEC}
 * @param deploy  the watched folder
 * @param work    the folder for the bundle cache and other runtime files; derived from the deploy folder
 *                unless given, so that two containers on two folders never share one
 * @param console whether to open the interactive Gogo console on the terminal
 * @param help    whether to print the usage and exit
 */
record LaunchOptions(Mode mode, String command, Path deploy, Path work, boolean console, boolean help) {

    /** What the launcher does. */
    enum Mode {
        /** Run a container in the foreground. */
        RUN,
        /** Run one command in the container running on the same folders, print its output, exit with its status. */
        EXEC,
        /** Open an interactive session to the container running on the same folders. */
        SHELL
    }

    static final String USAGE = """
            Usage: hotbundle [--deploy DIR] [--work DIR] [--no-console]
                   hotbundle exec "COMMAND" [--deploy DIR] [--work DIR]
                   hotbundle shell [--deploy DIR] [--work DIR]

            Starts the Hotbundle container: Apache Felix with Declarative Services, ConfigAdmin, FileInstall and
            the Gogo shell. Bundles dropped into the deploy folder are installed, swapped and removed while it runs.
            exec and shell talk to the container already running on that deploy (or work) folder, from another
            terminal: exec runs one command (exit status 1 if it fails), shell opens a session.

              --deploy DIR   the watched folder (default: deploy/ at the top of the Hotbundle tree)
              --work DIR     runtime files: bundle cache, state, history (default: work/<folder>-<hash>/); owner-only,
                             refused when another user owns it or may write in it
              --no-console   run headless: no interactive shell, everything else the same
              --help         print this and exit

            The console listens on a Unix socket in $XDG_RUNTIME_DIR/hotbundle/ (when that folder is this user's
            alone) or /tmp/hotbundle-<uid>/, named after the work folder; exec and shell talk only to a container
            of their own user. JVM options go in JAVA_OPTS. Ctrl-C or SIGTERM stops the container cleanly.
            """;

    /**
     * Parses the arguments.
     *
     * @param args the command line
     * @param home the Hotbundle tree, against which the defaults are resolved
     * @throws IllegalArgumentException with a one-line message when the arguments are wrong
     */
    static LaunchOptions parse(List<String> args, Path home) {
        Path deploy = home.resolve("deploy");
        Path work = null;
        boolean console = true;
        boolean help = false;
        Mode mode = Mode.RUN;
        var command = new StringBuilder();
        int first = 0;
        if (!args.isEmpty() && (args.get(0).equals("exec") || args.get(0).equals("shell"))) {
            mode = args.get(0).equals("exec") ? Mode.EXEC : Mode.SHELL;
            first = 1;
        }
        for (int i = first; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--deploy" -> deploy = Path.of(valueOf(args, ++i, arg));
                case "--work" -> work = Path.of(valueOf(args, ++i, arg));
                case "--no-console" -> console = false;
                case "--help", "-h" -> help = true;
                default -> {
                    if (mode != Mode.EXEC || arg.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option '" + arg + "' (try --help)");
                    }
                    command.append(command.length() == 0 ? "" : " ").append(arg);
                }
            }
        }
        if (mode == Mode.EXEC && command.length() == 0 && !help) {
            throw new IllegalArgumentException("exec needs a command, for example: hotbundle exec \"hot:list\"");
        }
        deploy = deploy.toAbsolutePath().normalize();
        if (work == null) {
            work = home.resolve("work").resolve(deploy.getFileName() + "-" + shortHash(deploy.toString()));
        }
        return new LaunchOptions(mode, command.toString(), deploy, work.toAbsolutePath().normalize(), console, help);
    }

    private static String valueOf(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a folder (try --help)");
        }
        return args.get(index);
    }

    private static String shortHash(String text) {
        return String.format("%08x", text.hashCode());
    }
}
