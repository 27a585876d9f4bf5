package io.hotbundle.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.osgi.framework.BundleContext;

/**
 * The launcher's side of {@code hotbundle dev}: dev mode (container/dev, with bnd and Maven's model builder) lives
 * in {@code dev/} beside the launcher jar and is loaded only for this mode, in a class loader of its own whose
 * parent is the launcher's, so that it shares the framework's classes and adds nothing to a plain run.
 */
final class DevModeLoader {

    private static final String ENTRY = "io.hotbundle.dev.DevMode";

    private DevModeLoader() {
    }

    /** A project folder given on the command line; a wrong one stops the launch with one line. */
    static Path project(String arg) {
        Path project = Path.of(arg).toAbsolutePath().normalize();
        if (!Files.isRegularFile(project.resolve("pom.xml"))) {
            throw new IllegalArgumentException("dev: " + arg + " is not a Maven project (no pom.xml)");
        }
        return project;
    }

    /** What dev mode watches when given no project: the example plugins of this tree. */
    static List<Path> examples(Path home) {
        return List.of(home.resolve("impl-bundles/greeter").toAbsolutePath().normalize(),
                home.resolve("impl-bundles/host").toAbsolutePath().normalize());
    }

    /** Starts dev mode; a dev mode that cannot start is one line, and the container runs on without it. */
    static AutoCloseable start(BundleContext context, LaunchOptions options, Path distribution) {
        try {
            var jars = new ArrayList<URL>();
            try (Stream<Path> files = Files.list(distribution.resolve("dev"))) {
                for (Path jar : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".jar")).sorted()::iterator) {
                    jars.add(jar.toUri().toURL());
                }
            }
            var loader = new URLClassLoader("hotbundle-dev", jars.toArray(URL[]::new), DevModeLoader.class.getClassLoader());
            return (AutoCloseable) loader.loadClass(ENTRY)
                    .getMethod("start", BundleContext.class, Path.class, List.class, PrintStream.class)
                    .invoke(null, context, options.deploy(), options.projects(), System.out);
        } catch (IOException | ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            System.err.println("hotbundle: dev mode cannot start (" + cause + "); the container runs without it");
            return () -> { };
        }
    }

    /** Stops dev mode as the container stops; a failure to stop it is one line, never a stack trace. */
    static void stop(AutoCloseable dev) {
        try {
            dev.close();
        } catch (Exception e) {
            System.err.println("hotbundle: dev mode did not stop cleanly: " + e);
        }
    }
}
