package io.hotbundle.itests;

import static io.hotbundle.itests.AcmeBundles.API;
import static io.hotbundle.itests.AcmeBundles.HOST;
import static io.hotbundle.itests.AcmeBundles.IMPL;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.Test;

import io.hotbundle.api.PluginInfo;
import io.hotbundle.api.ReloadEvent;
import io.hotbundle.api.ReloadEvent.Outcome;

/**
 * An API bundle swapped to a minor version (1.0.0 -> 1.1.0) with an implementation and a host wired to it: the
 * framework restarts all three, so all three are one transaction, each with its hooks, state, generation and
 * history, and the host calling through a hot handle sees no failed call.
 */
public class ApiMinorBumpIT extends GraphTestSupport {

    @Test
    public void aMinorApiBumpSwapsTheApiItsImplementationAndItsHostAsOneTransactionKeepingTheirState()
            throws Exception {
        drop(AcmeBundles.fixture(API), "pricing-api.jar");
        drop(AcmeBundles.fixture(IMPL), "pricing-impl.jar");
        drop(AcmeBundles.fixture(HOST), "pricing-host.jar");
        awaitAllServing(API, IMPL, HOST);
        assertEquals("desk calls=1 quote=500", greetingFrom(HOST)); // "world" is 5 letters
        assertEquals("desk calls=2 quote=500", greetingFrom(HOST));
        assertEquals("prices quotes=2 activations=1", greetingFrom(IMPL));
        RecordingListener listener = listen();

        var callers = new HandleCallers(handles(), List.of(HOST), 2);
        try {
            callers.awaitCalls(10);
            drop(AcmeBundles.api("1.1.0"), "pricing-api.jar");
            awaitEvents(listener, List.of(API, IMPL, HOST), Outcome.RELOADED);
            callers.awaitCalls(10);
        } finally {
            callers.close();
        }
        assertNoneFailed(callers);

        List<ReloadEvent> heard = listener.heard();
        long transaction = heard.get(0).transaction();
        assertTrue("one transaction: " + heard, heard.stream().allMatch(e -> e.transaction() == transaction));
        String cause = "refreshed for com.acme.pricing.api 1.0.0 -> 1.1.0";
        for (String name : List.of(API, IMPL, HOST)) {
            Optional<String> expectedCause = name.equals(API) ? Optional.empty() : Optional.of(cause);
            List<ReloadEvent> own = heard.stream().filter(e -> e.symbolicName().equals(name)).toList();
            assertEquals(name + ": " + own, List.of(Outcome.ABOUT_TO_RELOAD, Outcome.RELOADED),
                    own.stream().map(ReloadEvent::outcome).toList());
            own.forEach(e -> assertEquals(name + " cause", expectedCause, e.cause()));
            own.forEach(e -> assertEquals(name + " generation", 2, e.generation()));
            PluginInfo info = plugin(name).orElseThrow();
            assertEquals(name + " generation", 2, info.generation());
            List<ReloadEvent> history = reloads.history(name);
            assertEquals(name + " history: " + history, 1, history.size());
            assertEquals(Outcome.RELOADED, history.get(0).outcome());
            assertEquals(transaction, history.get(0).transaction());
            assertEquals(expectedCause, history.get(0).cause());
        }
        assertEquals("1.1.0", plugin(API).orElseThrow().version());
        assertEquals("1.0.0", reloads.history(IMPL).get(0).toVersion()); // restarted, not changed

        // State kept: the counts go on, and each component was activated once more.
        String prices = greetingFrom(IMPL);
        assertTrue(prices, prices.endsWith(" activations=2"));
        String desk = greetingFrom(HOST);
        assertEquals("desk calls=" + (callers.calls(HOST) + 3) + " quote=500", desk);

        // The host heard the whole transaction: the announcements in its old version, the outcomes in its new one.
        List<String> hostHeard = List.of(greetingFrom(HOST, "heard").split("\n"));
        for (String name : List.of(API, IMPL, HOST)) {
            String suffix = name.equals(API) ? "" : " (" + cause + ")";
            assertTrue(hostHeard.toString(), hostHeard.contains("about to reload " + name + " tx " + transaction + suffix));
            assertTrue(hostHeard.toString(), hostHeard.contains("reloaded " + name + " tx " + transaction + suffix));
        }
        assertRegistryTellsTheTruth();
    }

    @Test
    public void theRegistryShowsWhoUsesTheApiAndWhatEachPluginUses() throws Exception {
        drop(AcmeBundles.fixture(API), "pricing-api.jar");
        drop(AcmeBundles.fixture(IMPL), "pricing-impl.jar");
        drop(AcmeBundles.fixture(HOST), "pricing-host.jar");
        awaitAllServing(API, IMPL, HOST);
        Map<String, PluginInfo> byName = new java.util.HashMap<>();
        registry.plugins().forEach(p -> byName.put(p.name(), p));

        assertEquals(PluginInfo.Kind.LIBRARY, byName.get(API).kind());
        assertEquals(PluginInfo.Kind.PLUGIN, byName.get(IMPL).kind());
        assertEquals(PluginInfo.Kind.PLUGIN, byName.get(HOST).kind());
        assertEquals(List.of(HOST, IMPL), byName.get(API).usedBy());
        assertTrue(byName.get(IMPL).uses().toString(), byName.get(IMPL).uses().contains(API));
        assertTrue(byName.get(HOST).uses().toString(), byName.get(HOST).uses().containsAll(List.of(API,
                "io.hotbundle.api")));
        assertEquals(List.of(), byName.get(HOST).usedBy());
    }

    /** What the plugin's Greeter answers to {@code name}. */
    private String greetingFrom(String plugin, String name) {
        var handle = handles().handle(io.hotbundle.api.example.Greeter.class, plugin);
        return handle.call(g -> g.greet(name));
    }
}
