package ${package}.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import ${package}.api.Greeter;

/**
 * The plugin in the Hotbundle container, as the launcher boots it: Felix with SCR, ConfigAdmin, FileInstall, the
 * Hotbundle API and container, then this plugin's API and implementation bundles, as built by this build.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class GreeterComponentIT {

    @Inject
    private BundleContext context;

    @Inject
    private Greeter greeter;

    @Configuration
    public Option[] configuration() throws IOException {
        Path folders = Files.createDirectories(Path.of(System.getProperty("test.folders")));
        return options(
                frameworkProperty("hotbundle.deploy").value(Files.createTempDirectory(folders, "deploy-").toString()),
                frameworkProperty("hotbundle.work").value(Files.createTempDirectory(folders, "work-").toString()),
                // FileInstall's default watcher, which the container does not use, idle as the launcher sets it.
                frameworkProperty("felix.fileinstall.dir").value(Files.createTempDirectory(folders, "idle-").toString()),
                frameworkProperty("felix.fileinstall.poll").value("86400000"),
                frameworkProperty("felix.fileinstall.noInitialDelay").value("true"),
                frameworkProperty("ds.delayed.keepInstances").value("true"),
                composite(Arrays.stream(System.getProperty("runtime.bundles").split(","))
                        .map(GreeterComponentIT::file).toArray(Option[]::new)),
                file(System.getProperty("plugin.bundle.api")),
                file(System.getProperty("plugin.bundle.impl")),
                junitBundles(),
                cleanCaches());
    }

    private static Option file(String path) {
        return bundle(new File(path).toURI().toString());
    }

    @Test
    public void greetsThroughItsService() {
        assertTrue(greeter.greet("world").startsWith("Hello, world! (greeting #"));
    }

    @Test
    public void theCountOfGreetingsSurvivesANewVersion() throws Exception {
        long before = countIn(greeter.greet("world"));

        // A new version: the old one saves its state as it stops, the new one restores it as it starts.
        Bundle implementation = FrameworkUtil.getBundle(greeter.getClass());
        implementation.update();

        var tracker = new ServiceTracker<Greeter, Greeter>(context, Greeter.class, null);
        tracker.open();
        try {
            Greeter next = tracker.waitForService(10_000);
            assertEquals(before + 1, countIn(next.greet("world")));
        } finally {
            tracker.close();
        }
    }

    /** The number in "(greeting #N)". The count is saved with the container's state, so it is not 1 at start. */
    private static long countIn(String greeting) {
        return Long.parseLong(greeting.substring(greeting.lastIndexOf('#') + 1, greeting.length() - 1));
    }
}
