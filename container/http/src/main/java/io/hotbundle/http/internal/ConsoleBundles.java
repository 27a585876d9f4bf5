package io.hotbundle.http.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;

/**
 * The HTTP server and the web console, installed only when the operator turns HTTP on: the launcher keeps their
 * jars in a folder of their own (framework property {@value #FOLDER}) rather than among the bundles it starts, so
 * that a container without HTTP spends neither the memory nor the start-up time on them. Installed once, they
 * stay: turning HTTP off closes the port, and on again reuses them. Without the property (a test framework that
 * provisions them itself) there is nothing to install.
 */
final class ConsoleBundles {

    static final String FOLDER = "hotbundle.http.bundles";
    private static final String LOCATION = "hotbundle-http:";

    private ConsoleBundles() {
    }

    /** Installs and starts every bundle of the folder that is not installed yet. */
    static void ensureStarted(BundleContext context) throws IOException, BundleException {
        String folder = context.getProperty(FOLDER);
        if (folder == null) {
            return;
        }
        List<Bundle> installed = new ArrayList<>();
        try (Stream<Path> jars = Files.list(Path.of(folder))) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                String location = LOCATION + jar.getFileName();
                Bundle bundle = context.getBundle(location);
                installed.add(bundle != null ? bundle : context.installBundle(location, Files.newInputStream(jar)));
            }
        }
        for (Bundle bundle : installed) {
            if (bundle.getHeaders("").get(Constants.FRAGMENT_HOST) == null && bundle.getState() != Bundle.ACTIVE) {
                bundle.start();
            }
        }
    }
}
