package io.hotbundle.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.ops4j.pax.exam.options.MavenArtifactProvisionOption;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import io.hotbundle.api.PluginInfo;
import io.hotbundle.api.PluginRegistry;
import io.hotbundle.api.Reloads;
import io.hotbundle.api.example.Greeter;

/**
 * The runtime every scenario runs in: a real Felix with SCR, ConfigAdmin, FileInstall, Gogo and the container,
 * watching a fresh deploy folder of its own. The reactor's bundles come by file path, so {@code mvn verify}
 * always tests the jars it just built.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public abstract class ContainerTestSupport {

    protected static final String FIXTURE = "io.hotbundle.fixture.greeter";

    @Inject
    protected BundleContext context;

    @Inject
    protected PluginRegistry registry;

    @Inject
    protected Reloads reloads;

    protected Path deploy;

    private final java.util.concurrent.atomic.AtomicInteger markers = new java.util.concurrent.atomic.AtomicInteger();

    /** What the container logs while the test runs: its own word on each file ({@link #awaitVerdict}). */
    protected LogLines containerLog;

    @Configuration
    public Option[] configuration() throws IOException {
        Path scratch = Files.createDirectories(Path.of(System.getProperty("hotbundle.scratch", "target/scratch")));
        Path deployFolder = Files.createTempDirectory(scratch, "deploy-");
        Path idleFolder = Files.createTempDirectory(scratch, "idle-");
        Path workFolder = Files.createTempDirectory(scratch, "work-");
        return options(
                frameworkProperty("hotbundle.deploy").value(deployFolder.toString()),
                frameworkProperty("hotbundle.work").value(workFolder.toString()),
                // FileInstall's default watcher, which the container does not use, as the launcher sets it up.
                frameworkProperty("felix.fileinstall.dir").value(idleFolder.toString()),
                frameworkProperty("felix.fileinstall.poll").value("86400000"),
                frameworkProperty("felix.fileinstall.noInitialDelay").value("true"),
                frameworkProperty("felix.fileinstall.enableConfigSave").value("false"),
                // SCR as the launcher sets it up (see EmbeddedFelix).
                frameworkProperty("ds.delayed.keepInstances").value("true"),
                frameworkProperty("felix.resolver.parallelism").value("1"),
                frameworkProperty("ds.lock.timeout.milliseconds").value("5000"),
                frameworkProperty("ds.stop.timeout.milliseconds").value("10000"),
                frameworkRuntime(),
                reactorBundle("hotbundle.bundle.container"),
                reactorBundle("hotbundle.bundle.shell"));
    }

    /**
     * What every test framework has, with or without the container: SCR, ConfigAdmin, FileInstall, Gogo, the
     * API bundle and JUnit, from a clean bundle cache.
     */
    public static Option frameworkRuntime() {
        return CoreOptions.composite(
                systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value(System.getProperty("hotbundle.test.log", "WARN")),
                runtime("org.osgi", "org.osgi.util.function"),
                runtime("org.osgi", "org.osgi.util.promise"),
                runtime("org.osgi", "org.osgi.service.component"),
                runtime("org.apache.felix", "org.apache.felix.scr"),
                runtime("org.apache.felix", "org.apache.felix.configadmin"),
                runtime("org.apache.felix", "org.apache.felix.fileinstall"),
                runtime("org.apache.felix", "org.apache.felix.gogo.runtime"),
                runtime("org.apache.felix", "org.apache.felix.gogo.command"),
                reactorBundle("hotbundle.bundle.api"),
                junitBundles(),
                cleanCaches());
    }

    private static MavenArtifactProvisionOption runtime(String groupId, String artifactId) {
        return mavenBundle(groupId, artifactId).versionAsInProject();
    }

    public static Option reactorBundle(String property) {
        return bundle(TestJars.reactorJar(property).toUri().toString());
    }

    @Before
    public void findDeployFolder() throws InterruptedException {
        containerLog = new LogLines();
        deploy = Path.of(context.getProperty("hotbundle.deploy"));
        if (!registry.awaitReady(Await.DEFAULT)) {
            throw new AssertionError("the container did not become ready");
        }
    }

    /**
     * Empties the deploy folder and waits for the container to remove what it held, then deletes saved state.
     * Pax Exam computes the options once per class, so every test method's framework uses the same folders:
     * each must leave them empty.
     */
    @After
    public void emptyDeployFolder() throws IOException {
        containerLog.close();
        try (var files = Files.list(deploy)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
        }
        Await.until("the container to remove every plugin", () -> registry.plugins().isEmpty());
        // Saved state outlives a plugin's removal on purpose (it comes back when the plugin does); here it
        // must not outlive the test.
        Path states = Path.of(context.getProperty("hotbundle.work"), "state");
        if (Files.isDirectory(states)) {
            try (var files = Files.list(states)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** The counter fixture, version 1 or 2: the same bundle, with a changed state class in 2. */
    protected static Path counter(int version) {
        return TestJars.reactorJar("hotbundle.fixture.counter.v" + version);
    }

    /** The fixture's first build, 1.0.0. */
    public static Path fixture() {
        return TestJars.reactorJar("hotbundle.fixture.greeter");
    }

    /** The answer of the Greeter registered by the plugin {@code symbolicName} now, or null when there is none. */
    protected String greetingFrom(String symbolicName) {
        try {
            for (ServiceReference<Greeter> reference : context.getServiceReferences(Greeter.class, null)) {
                Bundle provider = reference.getBundle();
                if (provider != null && symbolicName.equals(provider.getSymbolicName())) {
                    Greeter greeter = context.getService(reference);
                    try {
                        return greeter == null ? null : greeter.greet("world");
                    } finally {
                        context.ungetService(reference);
                    }
                }
            }
            return null;
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits until the plugin's Greeter answers exactly {@code expected}. */
    protected void awaitGreeting(String symbolicName, String expected) {
        Await.until(symbolicName + " to answer '" + expected + "'",
                () -> expected.equals(greetingFrom(symbolicName)));
    }

    /** Where the container's lines from now on start: for {@link #awaitVerdict}. */
    protected int logMark() {
        return containerLog.mark();
    }

    /**
     * Waits until the container has said, since the mark, what it did with the file (named as it is in the deploy
     * folder), and returns that line: it installed, swapped or removed its plugin, refused or ignored it, skipped
     * a build that was rolled back, keeps it for a resume, or it does not serve. A check that nothing changed must
     * look only after this: the container names a file in a line whatever it does with it (except when it holds
     * the very build that serves), whereas a plugin dropped after it may well be handled first.
     */
    protected String awaitVerdict(String file, int mark) {
        String name = java.util.regex.Pattern.quote(file);
        var verdict = java.util.regex.Pattern.compile("^(ignored|refused|skipped) " + name + ": "
                + "|^(deployed|started) \\S+ \\S+ from " + name + " \\("
                + "|^swapped \\S+ \\S+ -> \\S+ from " + name + " in "
                + "|^\\S+ \\S+ from " + name + " (does not serve: |cannot serve what uses )"
                + "| is paused: " + name + " waits for resume$"
                + "|: " + name + " was deleted$");
        Await.until("the container's word on " + file + " (logged: " + containerLog.lines() + ")",
                () -> containerLog.lines().stream().skip(mark).anyMatch(l -> verdict.matcher(l).find()));
        return containerLog.lines().stream().skip(mark).filter(l -> verdict.matcher(l).find()).findFirst().orElseThrow();
    }

    /**
     * Returns once the container has handled every file whose event came before this call: a marker plugin is
     * dropped and its own verdict awaited. The folder's events arrive in the order of the renames, and the deployer
     * takes files in that order (a batch at a time), so the marker's verdict comes after theirs; a check about a
     * particular file should still prefer {@link #awaitVerdict} on that file.
     */
    protected void awaitEarlierDropsHandled() throws IOException {
        int mark = logMark();
        String marker = "io.hotbundle.fixture.marker" + markers.incrementAndGet();
        TestJars.drop(TestJars.withHeaders(fixture(), java.util.Map.of("Bundle-SymbolicName", marker)), deploy,
                marker + ".jar");
        awaitVerdict(marker + ".jar", mark);
    }

    /** Waits until the registry reports the plugin serving at the given generation, and returns it. */
    protected PluginInfo awaitServing(String symbolicName, long generation) {
        return Await.value(symbolicName + " serving at generation " + generation, () -> plugin(symbolicName)
                .filter(p -> p.status() == io.hotbundle.api.PluginStatus.SERVING && p.generation() == generation)
                .orElse(null));
    }

    /**
     * Changes the deployer's configuration (for example {@code hold.timeout.ms}) and waits until it applies:
     * Declarative Services publishes a component's configuration as properties of its service.
     */
    protected void configureDeployer(String key, Object value) throws IOException {
        configure("io.hotbundle.deployer", Reloads.class, key, value);
    }

    /** Changes a container component's configuration and waits until its service shows the new value. */
    protected void configure(String pid, Class<?> service, String key, Object value) throws IOException {
        var admin = context.getService(context.getServiceReference(org.osgi.service.cm.ConfigurationAdmin.class));
        var configuration = admin.getConfiguration(pid, "?");
        // Merged into what is there: each call changes one key and keeps the others.
        var properties = configuration.getProperties() == null ? new java.util.Hashtable<String, Object>()
                : configuration.getProperties();
        properties.put(key, value);
        configuration.update(properties);
        Await.until(key + " = " + value + " to apply", () -> {
            var reference = context.getServiceReference(service);
            return reference != null && value.equals(reference.getProperty(key));
        });
    }

    protected Optional<PluginInfo> plugin(String symbolicName) {
        return registry.plugin(symbolicName);
    }

    protected static Duration seconds(long seconds) {
        return Duration.ofSeconds(seconds);
    }
}
