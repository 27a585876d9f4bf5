package io.hotbundle.launcher;

import java.nio.file.Path;
import java.util.List;

/**
 * The launcher's command line.
 *
 * @param deploy  the watched folder
 * @param work    the folder for the bundle cache and other runtime files; derived from the deploy folder
 *                unless given, so that two containers on two folders never share one
 * @param console whether to open the interactive Gogo console on the terminal
 * @param help    whether to print the usage and exit
 */
record LaunchOptions(Path deploy, Path work, boolean console, boolean help) {

    static final String USAGE = """
            Usage: hotbundle [--deploy DIR] [--work DIR] [--no-console] [--help]

            Starts the Hotbundle container: Apache Felix with Declarative Services, ConfigAdmin, FileInstall and
            the Gogo shell. Bundles dropped into the deploy folder are installed, swapped and removed while it runs.

              --deploy DIR   the watched folder (default: deploy/ at the top of the Hotbundle tree)
              --work DIR     runtime files: bundle cache, logs, state (default: work/<folder>-<hash>/ there)
              --no-console   run headless: no interactive shell, everything else the same
              --help         print this and exit

            JVM options go in JAVA_OPTS. Ctrl-C or SIGTERM stops the container cleanly.
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
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--deploy" -> deploy = Path.of(valueOf(args, ++i, arg));
                case "--work" -> work = Path.of(valueOf(args, ++i, arg));
                case "--no-console" -> console = false;
                case "--help", "-h" -> help = true;
                default -> throw new IllegalArgumentException("unknown option '" + arg + "' (try --help)");
            }
        }
        deploy = deploy.toAbsolutePath().normalize();
        if (work == null) {
            work = home.resolve("work").resolve(deploy.getFileName() + "-" + shortHash(deploy.toString()));
        }
        return new LaunchOptions(deploy, work.toAbsolutePath().normalize(), console, help);
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
