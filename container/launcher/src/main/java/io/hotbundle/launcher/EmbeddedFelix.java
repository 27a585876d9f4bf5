package io.hotbundle.launcher;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.service.condition.Condition;
import org.osgi.util.tracker.ServiceTracker;

import io.hotbundle.console.internal.socket.ConsoleSocket;

/**
 * The Felix framework the launcher runs, with the container's system bundles installed and started.
 *
 * <p>The interactive console opens last, once the container is ready, so that its prompt comes after the ready
 * line rather than in the middle of start-up output: the launcher then registers the condition the console
 * waits for.
 */
final class EmbeddedFelix {

    /** The condition the console bundle's terminal console waits for. */
    private static final String TERMINAL_CONDITION = "hotbundle.terminal";
    /** The property of the service through which the terminal console takes over standard output. */
    private static final String TERMINAL_OUTPUT = "hotbundle.output";
    private static final String REGISTRY_CLASS = "io.hotbundle.api.PluginRegistry";
    /** How often a wait for the container checks that the framework is not being stopped meanwhile. */
    private static final Duration WAIT_SLICE = Duration.ofMillis(200);

    private final Framework framework;

    private EmbeddedFelix(Framework framework) {
        this.framework = framework;
    }

    /** Creates, installs and starts the framework and every system bundle but the console. */
    static EmbeddedFelix boot(LaunchOptions options, WorkFolder work, Path systemBundles)
            throws BundleException, IOException {
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"));
        var properties = properties(options, work);
        // The HTTP server and the web console: installed by io.hotbundle.http when HTTP is turned on.
        properties.put("hotbundle.http.bundles", systemBundles.resolveSibling("http").toString());
        Framework framework = factory.newFramework(properties);
        framework.init();
        List<Bundle> installed = new ArrayList<>();
        List<Path> jars = new ArrayList<>(systemBundles(systemBundles));
        if (FleetMode.on(options)) {
            jars.addAll(systemBundles(systemBundles.resolveSibling("fleet")));
        }
        for (Path jar : jars) {
            installed.add(framework.getBundleContext().installBundle(jar.toUri().toString()));
        }
        framework.start();
        for (Bundle bundle : installed) {
            if (bundle.getHeaders("").get(Constants.FRAGMENT_HOST) == null) {
                bundle.start();
            }
        }
        return new EmbeddedFelix(framework);
    }

    private static Map<String, String> properties(LaunchOptions options, WorkFolder work) throws IOException {
        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, work.frameworkStorage().toString());
        // Every start begins from an empty bundle cache: no bundle revision of an earlier run can come back.
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        properties.put("hotbundle.deploy", options.deploy().toString());
        properties.put("hotbundle.work", work.root().toString());
        properties.put("hotbundle.etc", options.etc().toString());
        properties.put(ConsoleSocket.PROPERTY, work.consoleSocket().toString());
        // Fleet mode's bundle reads these (its etc/ settings win); without --fleet it holds nothing.
        if (options.fleet() != null) {
            properties.put("hotbundle.fleet.connect", options.fleet());
        }
        if (options.node() != null) {
            properties.put("hotbundle.fleet.node", options.node());
        }
        // FileInstall always starts a default watcher from framework properties. The container configures its
        // own watcher once it can take the jars; the default one gets an empty folder and a long sleep. Its
        // first sleep would be taken holding FileInstall's lock, which stopping needs: noInitialDelay skips it.
        properties.put("felix.fileinstall.dir", work.idleWatcherFolder().toString());
        properties.put("felix.fileinstall.poll", String.valueOf(Duration.ofDays(1).toMillis()));
        properties.put("felix.fileinstall.noInitialDelay", "true");
        // FileInstall reads this one from the framework only: never write configurations back into .cfg files.
        properties.put("felix.fileinstall.enableConfigSave", "false");
        // Resolve on the calling thread: a swap resolves a handful of bundles, which Felix's resolver pool made
        // cost two thread hand-offs per step (0.8-1.1 ms a swap against 0.5-0.6 ms inline, swap benchmark).
        properties.put("felix.resolver.parallelism", "1");
        properties.put("felix.log.level", "1");
        properties.put("ds.loglevel", "warn");
        // The container activates a plugin's components inside the swap, to roll back if they fail; SCR must
        // keep those instances rather than dispose of them when the check lets go. Bound SCR's own waits.
        properties.put("ds.delayed.keepInstances", "true");
        properties.put("ds.lock.timeout.milliseconds", "5000");
        properties.put("ds.stop.timeout.milliseconds", "10000");
        // HTTP is opt-in: Jetty opens no port until io.hotbundle.http gives it a configuration.
        properties.put("org.apache.felix.http.require.config", "true");
        properties.putAll(LoggingBoot.properties(work.root()));
        return properties;
    }

    private static List<Path> systemBundles(Path folder) throws IOException {
        try (Stream<Path> jars = Files.list(folder)) {
            return jars.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }

    /**
     * Waits until the container has processed the deploy folder, or until the framework stops first (a signal
     * while starting), whichever comes first.
     *
     * @return the number of plugins it hosts, or -1 when it was not ready in time or is stopping
     */
    int awaitContainer(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        var tracker = new ServiceTracker<Object, Object>(framework.getBundleContext(), REGISTRY_CLASS, null);
        tracker.open();
        try {
            Object registry = null;
            while (registry == null && running() && System.nanoTime() < deadline) {
                registry = tracker.waitForService(WAIT_SLICE.toMillis());
            }
            if (registry == null) {
                return -1;
            }
            // The launcher runs outside the framework and must not load the API itself (a second copy of it on
            // the class path would shadow the API bundle), so it calls the registry reflectively.
            var awaitReady = registry.getClass().getMethod("awaitReady", Duration.class);
            boolean ready = false;
            while (!ready && running() && System.nanoTime() < deadline) {
                ready = (Boolean) awaitReady.invoke(registry, WAIT_SLICE);
            }
            return ready ? ((List<?>) registry.getClass().getMethod("plugins").invoke(registry)).size() : -1;
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            if (!running()) {
                return -1; // stopped while it was asked: the registry went away with its bundle
            }
            throw new IllegalStateException("the container's registry does not answer: " + e, e);
        } finally {
            tracker.close();
        }
    }

    private boolean running() {
        return (framework.getState() & (Bundle.STARTING | Bundle.ACTIVE)) != 0;
    }

    /** The framework's context, for dev mode. */
    org.osgi.framework.BundleContext context() {
        return framework.getBundleContext();
    }

    /**
     * Opens the interactive console on this process's terminal, handing it standard output and error (as a
     * service of a JDK type: the launcher and the bundles share no other).
     */
    void openConsole(TerminalOutput output) {
        var outputProperties = new Hashtable<String, Object>();
        outputProperties.put(TERMINAL_OUTPUT, "terminal");
        framework.getBundleContext().registerService(Consumer.class, output, outputProperties);
        var properties = new Hashtable<String, Object>();
        properties.put(Condition.CONDITION_ID, TERMINAL_CONDITION);
        framework.getBundleContext().registerService(Condition.class, Condition.INSTANCE, properties);
    }

    /** Runs {@code action} when the framework begins to stop, whoever asked (on the thread that stops it). */
    void onStopping(Runnable action) {
        framework.getBundleContext().addBundleListener((SynchronousBundleListener) event -> {
            if (event.getBundle().getBundleId() == 0 && event.getType() == BundleEvent.STOPPING) {
                action.run();
            }
        });
    }

    /** Asks the framework to stop; returns at once. */
    void requestStop() {
        try {
            framework.stop();
        } catch (BundleException e) {
            System.err.println("hotbundle: could not stop the framework: " + e.getMessage());
        }
    }

    /**
     * Waits for the framework to stop, whoever asked it to (a signal, or {@code stop 0} in the shell).
     *
     * @return whether it stopped within the timeout
     */
    boolean awaitStopped(Duration timeout) throws InterruptedException {
        FrameworkEvent event = framework.waitForStop(timeout.toMillis());
        return event.getType() != FrameworkEvent.WAIT_TIMEDOUT;
    }
}
