package io.hotbundle.itests.bench.jmh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.util.tracker.ServiceTracker;

import io.hotbundle.api.HotHandle;
import io.hotbundle.api.HotHandles;
import io.hotbundle.api.PluginRegistry;
import io.hotbundle.api.example.Greeter;

/**
 * What a call through a hot handle costs, against a direct call on the same object and against the usual
 * OSGi way, {@code ServiceTracker.getService()} per call. A real Felix with the container runs in this JVM; the
 * API comes from the class path (exported by the system bundle), so this code and the plugin share its classes.
 *
 * <p>Run by {@code itests/run-benchmarks}; needs {@code -Dhotbundle.system=<launcher target>/system} and
 * {@code -Dhotbundle.fixture=<greeter fixture jar>}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HandleCallCost {

    private static final String PLUGIN = "io.hotbundle.fixture.greeter";

    private Framework framework;
    private Greeter direct;
    private HotHandle<Greeter> handle;
    private Greeter proxy;
    private ServiceTracker<Greeter, Greeter> tracker;

    @Setup
    public void boot() throws Exception {
        Path work = Files.createTempDirectory("hotbundle-jmh-");
        Path deploy = Files.createDirectories(work.resolve("deploy"));
        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, work.resolve("cache").toString());
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        Path system = Path.of(System.getProperty("hotbundle.system"));
        properties.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, apiExports(system.resolve("io.hotbundle.api.jar")));
        properties.put("hotbundle.deploy", deploy.toString());
        properties.put("hotbundle.work", work.toString());
        properties.put("felix.fileinstall.dir", Files.createDirectories(work.resolve("idle")).toString());
        properties.put("felix.fileinstall.poll", "86400000");
        properties.put("felix.fileinstall.noInitialDelay", "true");
        properties.put("ds.delayed.keepInstances", "true");
        properties.put("ds.loglevel", "warn");
        properties.put("felix.log.level", "1");
        framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow().newFramework(properties);
        framework.init();
        BundleContext context = framework.getBundleContext();
        List<Bundle> bundles = new ArrayList<>();
        try (Stream<Path> jars = Files.list(system)) {
            for (Path jar : jars.sorted(Comparator.naturalOrder()).toList()) {
                String name = jar.getFileName().toString();
                // The container's runtime only: the API comes from the class path, and the console, logs,
                // metrics, health and HTTP play no part in a call.
                if (name.equals("io.hotbundle.container.jar") || (name.startsWith("org.osgi.") && !name.contains("servlet"))
                        || name.matches("org\\.apache\\.felix\\.(scr|configadmin|fileinstall)\\.jar")) {
                    bundles.add(context.installBundle(jar.toUri().toString()));
                }
            }
        }
        framework.start();
        for (Bundle bundle : bundles) {
            if (bundle.getHeaders("").get(Constants.FRAGMENT_HOST) == null) {
                bundle.start();
            }
        }
        Files.copy(Path.of(System.getProperty("hotbundle.fixture")), deploy.resolve("greeter.jar"));
        var registry = new ServiceTracker<PluginRegistry, PluginRegistry>(context, PluginRegistry.class, null);
        // Tracking all services: the system bundle's assignability check does not vouch for the API packages it
        // exports from the class path, although they are the very classes this code uses.
        registry.open(true);
        PluginRegistry plugins = registry.waitForService(10_000);
        if (plugins == null || !plugins.awaitReady(java.time.Duration.ofSeconds(30))) {
            var registered = new StringBuilder();
            for (var reference : context.getAllServiceReferences(null, null)) {
                registered.append(java.util.Arrays.toString((String[]) reference.getProperty("objectClass")))
                        .append(' ');
            }
            throw new IllegalStateException("the container did not start; services: " + registered);
        }
        HotHandles handles = (HotHandles) context.getService(
                context.getAllServiceReferences(HotHandles.class.getName(), null)[0]);
        handle = handles.handle(Greeter.class, PLUGIN);
        proxy = handles.proxy(Greeter.class, PLUGIN);
        direct = handle.call(g -> g);
        tracker = new ServiceTracker<>(context, Greeter.class, null);
        tracker.open(true);
    }

    @TearDown
    public void stop() throws Exception {
        framework.stop();
        framework.waitForStop(30_000);
    }

    @Benchmark
    public String directCall() {
        return direct.greet("world");
    }

    @Benchmark
    public String hotHandle() {
        return handle.call(g -> g.greet("world"));
    }

    @Benchmark
    public String hotProxy() {
        return proxy.greet("world");
    }

    @Benchmark
    public String serviceTrackerGetService() {
        return tracker.getService().greet("world");
    }

    /** What the API bundle exports, versions included, for the system bundle to export from the class path. */
    private static String apiExports(Path apiJar) throws java.io.IOException {
        try (var jar = new java.util.jar.JarFile(apiJar.toFile())) {
            return jar.getManifest().getMainAttributes().getValue(Constants.EXPORT_PACKAGE);
        }
    }
}
