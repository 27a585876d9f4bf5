package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.Test;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;

/** A plugin swap touches the swapped bundle only: no refresh storm through the API or unrelated bundles. */
public class ScopedRefreshIT extends ContainerTestSupport {

    private static final String HOST = "io.hotbundle.example.host";

    @Override
    @Configuration
    public Option[] configuration() throws java.io.IOException {
        // The example host consumes Greeters through the API bundle, exactly what a careless refresh restarts.
        return CoreOptions.options(CoreOptions.composite(super.configuration()), reactorBundle("hotbundle.bundle.host"));
    }

    @Test
    public void aSwapEmitsBundleEventsForTheSwappedBundleOnly() throws Exception {
        TestJars.drop(fixture(), deploy, "greeter.jar");
        awaitGreeting(FIXTURE, "Hello, world (1.0.0)");
        Bundle api = bundle("io.hotbundle.api");
        Bundle host = bundle(HOST);
        long apiModified = api.getLastModified();

        List<String> events = new CopyOnWriteArrayList<>();
        SynchronousBundleListener recorder = e -> events.add(e.getBundle().getSymbolicName() + " " + type(e));
        context.addBundleListener(recorder);
        try {
            TestJars.drop(TestJars.withVersion(fixture(), "2.0.0"), deploy, "greeter.jar");
            awaitGreeting(FIXTURE, "Hello, world (2.0.0)");
        } finally {
            context.removeBundleListener(recorder);
        }

        assertTrue("events: " + events, events.stream().allMatch(e -> e.startsWith(FIXTURE + " ")));
        assertTrue("events: " + events, events.contains(FIXTURE + " UPDATED"));
        assertEquals(Bundle.ACTIVE, api.getState());
        assertEquals(Bundle.ACTIVE, host.getState());
        assertEquals(apiModified, api.getLastModified());
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    private static String type(BundleEvent event) {
        return switch (event.getType()) {
            case BundleEvent.INSTALLED -> "INSTALLED";
            case BundleEvent.RESOLVED -> "RESOLVED";
            case BundleEvent.STARTING -> "STARTING";
            case BundleEvent.STARTED -> "STARTED";
            case BundleEvent.STOPPING -> "STOPPING";
            case BundleEvent.STOPPED -> "STOPPED";
            case BundleEvent.UPDATED -> "UPDATED";
            case BundleEvent.UNRESOLVED -> "UNRESOLVED";
            case BundleEvent.UNINSTALLED -> "UNINSTALLED";
            default -> "type " + event.getType();
        };
    }
}
