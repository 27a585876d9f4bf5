package io.hotbundle.launcher;

import java.io.IOException;
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
 * @param etc     the operator's settings, one {@code <pid>.cfg} per configuration (it need not exist)
 * @param console whether to open the interactive Gogo console on the terminal
 * @param help    whether to print the usage and exit
 * @param projects the plugin projects {@link Mode#DEV} watches
 * @param fleet   ZooKeeper's connect string for fleet mode, or null (off, unless etc/ turns it on)
 * @param node    this node's name in the fleet, or null (the fleet's default)
 */
record LaunchOptions(Mode mode, String command, Path deploy, Path work, Path etc, boolean console, boolean help,
        List<Path> projects, String fleet, String node) {

    /** What the launcher does. */
    enum Mode {
        /** Run a container in the foreground. */
        RUN,
        /** Run one command in the container running on the same folders, print its output, exit with its status. */
        EXEC,
        /** Open an interactive session to the container running on the same folders. */
        SHELL,
        /** Run a container, and rebuild and drop the given plugin projects on every save (container/dev). */
        DEV
    }

    static final String USAGE = """
            Usage: hotbundle [--deploy DIR] [--work DIR] [--etc DIR] [--no-console] [--fleet ZK] [--node NAME]
                   hotbundle exec "COMMAND" [--deploy DIR] [--work DIR]
                   hotbundle shell [--deploy DIR] [--work DIR]
                   hotbundle dev [PROJECT...] [--deploy DIR] [--work DIR] [--etc DIR] [--no-console]

            Starts the Hotbundle container: Apache Felix with Declarative Services, ConfigAdmin, FileInstall and
            the Gogo shell. Bundles dropped into the deploy folder are installed, swapped and removed while it runs.
            exec and shell talk to the container already running on that deploy (or work) folder, from another
            terminal: exec runs one command (exit status 1 if it fails), shell opens a session.
            dev runs the container and rebuilds the plugin projects (Maven project folders; default: the example
            plugins) on every save: compiled, bundled with bnd and dropped, in this process.

              --deploy DIR   the watched folder (default: deploy/ at the top of the Hotbundle tree)
              --work DIR     runtime files: bundle cache, state, history (default: work/<folder>-<hash>/); owner-only,
                             refused when another user owns it or may write in it
              --etc DIR      the operator's settings, one <pid>.cfg per configuration, e.g. io.hotbundle.deployer.cfg
                             (default: etc/ at the top of the Hotbundle tree); refused when another user owns it or
                             may write in it. Never from the deploy folder.
              --no-console   run headless: no interactive shell, everything else the same
              --fleet ZK     join a fleet coordinated by ZooKeeper (host:port[,host:port...][/chroot]); the rest of
                             the fleet's settings are in etc/io.hotbundle.fleet.cfg (see README, "A fleet")
              --node NAME    this container's name in the fleet (default: host name and a hash of the work folder)
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
        Path etc = home.resolve("etc");
        boolean console = true;
        boolean help = false;
        String fleet = null;
        String node = null;
        Mode mode = Mode.RUN;
        var command = new StringBuilder();
        int first = 0;
        var projects = new java.util.ArrayList<Path>();
        if (!args.isEmpty() && List.of("exec", "shell", "dev").contains(args.get(0))) {
            mode = switch (args.get(0)) {
                case "exec" -> Mode.EXEC;
                case "shell" -> Mode.SHELL;
                default -> Mode.DEV;
            };
            first = 1;
        }
        for (int i = first; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--deploy" -> deploy = Path.of(valueOf(args, ++i, arg));
                case "--work" -> work = Path.of(valueOf(args, ++i, arg));
                case "--etc" -> etc = Path.of(valueOf(args, ++i, arg));
                case "--no-console" -> console = false;
                case "--fleet" -> fleet = valueOf(args, ++i, arg, "a ZooKeeper connect string");
                case "--node" -> node = valueOf(args, ++i, arg, "a name");
                case "--help", "-h" -> help = true;
                default -> {
                    if (mode == Mode.DEV && !arg.startsWith("--")) {
                        projects.add(DevModeLoader.project(arg));
                        continue;
                    }
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
            Path folder = physical(deploy);
            work = home.resolve("work").resolve(folder.getFileName() + "-" + shortHash(folder.toString()));
        }
        if (node != null && !node.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,199}")) {
            throw new IllegalArgumentException("--node takes letters, digits, '.', '-' and '_', not '" + node + "'");
        }
        if (fleet != null && (fleet.isBlank() || fleet.chars().anyMatch(Character::isWhitespace))) {
            throw new IllegalArgumentException("--fleet takes host:port[,host:port...], not '" + fleet + "'");
        }
        if (mode == Mode.DEV && projects.isEmpty()) {
            projects.addAll(DevModeLoader.examples(home));
        }
        return new LaunchOptions(mode, command.toString(), deploy, work.toAbsolutePath().normalize(),
                etc.toAbsolutePath().normalize(), console, help, List.copyOf(projects), fleet, node);
    }

    private static String valueOf(List<String> args, int index, String option) {
        return valueOf(args, index, option, "a folder");
    }

    private static String valueOf(List<String> args, int index, String option, String what) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs " + what + " (try --help)");
        }
        return args.get(index);
    }

    /**
     * The path with its links resolved as far as it exists: one folder reached through a link and through its own
     * path gets one work folder, so a second container on it is refused and {@code exec} finds the first.
     */
    private static Path physical(Path path) {
        for (Path existing = path; existing != null; existing = existing.getParent()) {
            try {
                return existing.toRealPath().resolve(existing.relativize(path));
            } catch (IOException e) {
                // not there yet: try its parent
            }
        }
        return path;
    }

    private static String shortHash(String text) {
        return String.format("%08x", text.hashCode());
    }
}
