package io.hotbundle.itests;

import static io.hotbundle.itests.AcmeBundles.API;
import static io.hotbundle.itests.AcmeBundles.HOST;
import static io.hotbundle.itests.AcmeBundles.IMPL;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.Test;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;

import io.hotbundle.api.PluginInfo;
import io.hotbundle.api.PluginStatus;
import io.hotbundle.api.ReloadEvent;
import io.hotbundle.api.ReloadEvent.Outcome;

/**
 * An API version that the bundles wired to it cannot use is never half applied: refused before anything stops
 * when the container can tell (a package version its dependents do not accept), rolled back whole when only the
 * framework's resolver can (a requirement the pre-check does not model), with a cause that names who could not
 * be served and why, and every member serving its previous version with its state.
 */
public class IncompatibleApiIT extends GraphTestSupport {

    @Test
    public void anApiMajorVersionItsDependentsCannotUseIsRefusedBeforeAnythingStopsNamingThem() throws Exception {
        deployPricing();
        RecordingListener listener = listen();
        List<String> stopped = new CopyOnWriteArrayList<>();
        SynchronousBundleListener stops = e -> {
            if (e.getType() == BundleEvent.STOPPING && e.getBundle().getLocation().startsWith("hotbundle:")) {
                stopped.add(e.getBundle().getSymbolicName());
            }
        };
        context.addBundleListener(stops);
        try {
            drop(AcmeBundles.api("2.0.0"), "pricing-api.jar");
            ReloadEvent refused = awaitEvents(listener, List.of(API), Outcome.ROLLED_BACK).get("ROLLED_BACK " + API);
            String failure = refused.failure().orElseThrow();
            for (String dependent : List.of(IMPL, HOST)) {
                assertTrue(failure, failure.contains(dependent + " 1.0.0 needs package com.acme.pricing.api "
                        + "[1.0.0,2.0.0), which com.acme.pricing.api 2.0.0 does not satisfy"));
            }
            assertTrue(failure, failure.startsWith("refused before anything stopped"));
            awaitEarlierDropsHandled();
        } finally {
            context.removeBundleListener(stops);
        }

        assertEquals("nothing stopped", List.of(), stopped);
        PluginInfo api = plugin(API).orElseThrow();
        assertEquals(PluginStatus.ROLLED_BACK, api.status());
        assertEquals("1.0.0", api.version());
        assertTrue(api.problem().orElseThrow(), api.problem().orElseThrow().contains(IMPL + " 1.0.0 needs package"));
        for (String name : List.of(API, IMPL, HOST)) {
            assertEquals(name, 1, plugin(name).orElseThrow().generation());
        }
        assertEquals(List.of(), reloads.history(IMPL));
        assertEquals("desk calls=3 quote=500", greetingFrom(HOST));
        assertRegistryTellsTheTruth();
    }

    @Test
    public void anApiThatCannotResolveRollsItsDependentsBackWithItsStateAndNoFailedCall() throws Exception {
        deployPricing();
        RecordingListener listener = listen();
        var callers = new HandleCallers(handles(), List.of(HOST), 2);
        Map<String, ReloadEvent> events;
        try {
            callers.awaitCalls(10);
            drop(licensedApi("1.1.0"), "pricing-api.jar");
            events = awaitEvents(listener, List.of(API, IMPL, HOST), Outcome.ROLLED_BACK);
            callers.awaitCalls(10);
        } finally {
            callers.close();
        }
        assertNoneFailed(callers);

        long transaction = events.get("ROLLED_BACK " + API).transaction();
        for (String name : List.of(API, IMPL, HOST)) {
            ReloadEvent event = events.get("ROLLED_BACK " + name);
            assertEquals(name, transaction, event.transaction());
            String failure = event.failure().orElseThrow();
            assertTrue(name + ": " + failure, failure.contains("com.acme.pricing.api 1.1.0 needs com.acme.license"));
            PluginInfo info = plugin(name).orElseThrow();
            assertEquals(name, 1, info.generation());
            assertEquals(name, "1.0.0", info.version());
        }
        assertEquals(PluginStatus.ROLLED_BACK, plugin(API).orElseThrow().status());
        assertEquals(PluginStatus.SERVING, plugin(IMPL).orElseThrow().status());
        assertEquals(PluginStatus.SERVING, plugin(HOST).orElseThrow().status());
        // The state each handed off came back: the counts go on after a restart (activations=2).
        assertTrue(greetingFrom(IMPL), greetingFrom(IMPL).endsWith(" activations=2"));
        assertEquals("desk calls=" + (callers.calls(HOST) + 3) + " quote=500", greetingFrom(HOST));
        assertRegistryTellsTheTruth();
    }

    /**
     * A build rolled back for a requirement the pre-check does not read (here a generic capability) remembers what
     * it missed, and is tried again only once an installed bundle offers it: an unrelated drop does not swap the
     * API's whole set again (stopping, handing off and restarting the implementation and the host).
     */
    @Test
    public void anApiRolledBackForAMissingRequirementIsNotTriedAgainForABundleThatCannotProvideIt()
            throws Exception {
        deployPricing();
        RecordingListener listener = listen();
        drop(licensedApi("1.1.0"), "pricing-api.jar");
        awaitEvents(listener, List.of(API, IMPL, HOST), Outcome.ROLLED_BACK);

        TestJars.drop(fixture(), deploy, "greeter.jar"); // provides no com.acme.license
        awaitServing(FIXTURE, 1);
        awaitEarlierDropsHandled();

        assertEquals("swaps of the API: " + reloads.history(API), 1, reloads.history(API).size());
        assertEquals("restarts of the implementation: " + reloads.history(IMPL), 1, reloads.history(IMPL).size());
    }

    private void deployPricing() throws Exception {
        drop(AcmeBundles.fixture(API), "pricing-api.jar");
        drop(AcmeBundles.fixture(IMPL), "pricing-impl.jar");
        drop(AcmeBundles.fixture(HOST), "pricing-host.jar");
        awaitAllServing(API, IMPL, HOST);
        assertEquals("desk calls=1 quote=500", greetingFrom(HOST));
        assertEquals("desk calls=2 quote=500", greetingFrom(HOST));
    }

    /** The API as another version that requires a capability nobody offers: only the resolver can tell. */
    private static byte[] licensedApi(String version) throws Exception {
        return TestJars.withHeaders(AcmeBundles.fixture(API), Map.of("Bundle-Version", version,
                "Export-Package", API + ";version=\"" + version + "\"",
                "Require-Capability", "com.acme.license;filter:=\"(tier=gold)\""));
    }
}
