package io.hotbundle.dev;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.osgi.framework.BundleContext;

import io.hotbundle.dev.internal.DevSession;

/**
 * {@code hotbundle dev}: while the container runs, watches plugin projects and, on every save, compiles what
 * changed, builds the bundle with bnd and drops it into the deploy folder, all in this process. The launcher
 * calls {@link #start} once the container is ready, and closes what it returns when the container stops.
 */
public final class DevMode {

    private DevMode() {
    }

    /**
     * Starts dev mode; returns at once (the first build runs in the background).
     *
     * @param context  the framework's context, to read what the container serves
     * @param deploy   the folder the container watches
     * @param projects Maven project folders: a bundle module, or an aggregator of bundle modules
     * @param out      where the one-line reports go (the console)
     * @return what stops dev mode
     */
    public static AutoCloseable start(BundleContext context, Path deploy, List<Path> projects, PrintStream out)
            throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            out.println("dev: this Java has no compiler (dev mode needs a JDK); the container runs without dev mode");
            return () -> { };
        }
        DevSession session = new DevSession(context, javac, deploy, projects, out);
        session.start();
        return session;
    }
}
