package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.rules.TestWatcher;
import org.junit.runner.Description;
import org.ops4j.pax.exam.ProbeBuilder;
import org.ops4j.pax.exam.TestProbeBuilder;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;

import io.hotbundle.api.HotHandles;
import io.hotbundle.api.PluginInfo;
import io.hotbundle.api.PluginStatus;
import io.hotbundle.api.ReloadEvent;
import io.hotbundle.api.ReloadListener;

/**
 * What the scenarios of APIs and libraries share: deploying the graph's bundles, waiting for each to serve,
 * listening to reload events, and checking that the registry tells the truth about the framework.
 */
public abstract class GraphTestSupport extends ContainerTestSupport {

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    /** The container's log during the test, printed when the test fails (after the test's own clean-up). */
    protected LogLines log;

    @Rule
    public final TestWatcher printLogOnFailure = new TestWatcher() {
        @Override
        protected void failed(Throwable e, Description description) {
            if (log != null) {
                System.out.println("container log of " + description.getMethodName() + ":");
                log.lines().forEach(line -> System.out.println("  " + line));
            }
        }
    };

    /**
     * The test bundle may load classes of the container's API and of the runtime, never of the bundles the tests
     * deploy. Pax Exam's probe imports {@code *} dynamically, and Felix, asked for the services of one interface,
     * checks every interface a service is registered under: the probe would get wired to a plugin's API package
     * and be refreshed, stopped mid-test, by a swap of that API.
     */
    @ProbeBuilder
    public TestProbeBuilder probe(TestProbeBuilder probe) {
        probe.setHeader("DynamicImport-Package", "io.hotbundle.*,org.*,javax.*,jakarta.*,junit.*");
        return probe;
    }

    @Before
    public void openLog() {
        log = new LogLines();
    }

    @After
    public void unregisterListeners() {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
        log.close();
    }

    protected Path drop(byte[] jar, String name) throws IOException {
        return TestJars.drop(jar, deploy, name);
    }

    protected Path drop(Path jar, String name) throws IOException {
        return TestJars.drop(jar, deploy, name);
    }

    /** commons-lang3 and Jackson's three jars of one version ({@code 2.17.2}), one file each. */
    protected void dropJackson(String version) throws IOException {
        drop(AcmeBundles.thirdParty("jackson-annotations", version), "jackson-annotations.jar");
        drop(AcmeBundles.thirdParty("jackson-core", version), "jackson-core.jar");
        drop(AcmeBundles.thirdParty("jackson-databind", version), "jackson-databind.jar");
    }

    /** Waits until every named bundle serves, and returns them in the same order. */
    protected List<PluginInfo> awaitAllServing(String... names) {
        var serving = new ArrayList<PluginInfo>();
        for (String name : names) {
            serving.add(Await.value(name + " serving (registry: " + summary() + ")", () -> plugin(name)
                    .filter(p -> p.status() == PluginStatus.SERVING).orElse(null)));
        }
        return serving;
    }

    /** Waits until the bundle has the status, and returns it. */
    protected PluginInfo awaitStatus(String name, PluginStatus status) {
        return Await.value(name + " " + status + " (registry: " + summary() + ")",
                () -> plugin(name).filter(p -> p.status() == status).orElse(null));
    }

    /** Waits until the plugin's Greeter answers something that contains {@code part}, and returns the answer. */
    protected String awaitAnswerContaining(String plugin, String part) {
        return Await.value(plugin + " to answer something with '" + part + "' (it answers '" + greetingFrom(plugin)
                + "')", () -> {
                    String answer = greetingFrom(plugin);
                    return answer != null && answer.contains(part) ? answer : null;
                });
    }

    /** The registry, one bundle per entry: {@code name version status gen N}. */
    protected String summary() {
        return registry.plugins().stream().map(p -> p.name() + " " + p.version() + " " + p.status() + " gen "
                + p.generation() + p.problem().map(x -> " (" + x + ")").orElse("")).collect(Collectors.joining("; "));
    }

    /**
     * What the registry says agrees with the framework: every bundle it reports serving (or serving its previous
     * version) is active, and every bundle the container installed that is not active is reported as not serving.
     */
    protected void assertRegistryTellsTheTruth() {
        for (PluginInfo plugin : registry.plugins()) {
            Bundle bundle = context.getBundle(plugin.bundleId());
            boolean reportedServing = plugin.status() == PluginStatus.SERVING || plugin.status() == PluginStatus.PAUSED
                    || plugin.status() == PluginStatus.ROLLED_BACK;
            if (reportedServing) {
                assertTrue(plugin.name() + " is reported " + plugin.status() + " but its bundle is "
                        + (bundle == null ? "gone" : state(bundle)), bundle != null && bundle.getState() == Bundle.ACTIVE);
            }
        }
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getLocation().startsWith("hotbundle:") && bundle.getState() != Bundle.ACTIVE) {
                var reported = registry.plugins().stream().filter(p -> p.bundleId() == bundle.getBundleId()).findFirst();
                assertTrue(bundle.getSymbolicName() + " is " + state(bundle) + " and reported as " + reported.map(
                        p -> p.status().toString()).orElse("nothing"), reported.isPresent() && (reported.get().status()
                                == PluginStatus.WAITING || reported.get().status() == PluginStatus.FAILED));
            }
        }
    }

    /** Every bundle the container installed, by symbolic name and version, sorted: what the framework runs. */
    protected List<String> installed() {
        return Arrays.stream(context.getBundles()).filter(b -> b.getLocation().startsWith("hotbundle:"))
                .map(b -> b.getSymbolicName() + " " + b.getVersion() + " " + state(b)).sorted().toList();
    }

    protected static String state(Bundle bundle) {
        return switch (bundle.getState()) {
            case Bundle.ACTIVE -> "active";
            case Bundle.RESOLVED -> "resolved";
            case Bundle.INSTALLED -> "installed";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            default -> "uninstalled";
        };
    }

    /** A listener registered for this test; unregistered after it. */
    protected RecordingListener listen() {
        var listener = new RecordingListener();
        registrations.add(context.registerService(ReloadListener.class, listener, null));
        return listener;
    }

    /** Reads events until one of each kind named arrived for each name; returns them by "outcome name". */
    protected Map<String, ReloadEvent> awaitEvents(RecordingListener listener, List<String> names,
            ReloadEvent.Outcome... outcomes) throws InterruptedException {
        var wanted = new java.util.TreeSet<String>();
        for (String name : names) {
            for (ReloadEvent.Outcome outcome : outcomes) {
                wanted.add(outcome + " " + name);
            }
        }
        var found = new java.util.TreeMap<String, ReloadEvent>();
        while (!found.keySet().containsAll(wanted)) {
            ReloadEvent event;
            try {
                event = listener.next();
            } catch (AssertionError e) {
                var histories = new java.util.TreeMap<String, List<ReloadEvent>>();
                names.forEach(name -> histories.put(name, reloads.history(name)));
                throw new AssertionError(e.getMessage() + "; histories: " + histories + "; registry: " + summary(), e);
            }
            found.putIfAbsent(event.outcome() + " " + event.symbolicName(), event);
        }
        return found;
    }

    protected HotHandles handles() {
        return context.getService(context.getServiceReference(HotHandles.class));
    }

    protected static void assertNoneFailed(HandleCallers callers) {
        assertEquals("failed calls: " + callers.failures(), List.of(), callers.failures());
        assertEquals("state lost: " + callers.stateLost(), List.of(), callers.stateLost());
    }
}
