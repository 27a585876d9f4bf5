package io.hotbundle.itests;

import static io.hotbundle.itests.AcmeBundles.FORMAT;
import static io.hotbundle.itests.AcmeBundles.LANG3;
import static io.hotbundle.itests.AcmeBundles.REPORT;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.hotbundle.api.ReloadEvent;
import io.hotbundle.api.ReloadEvent.Outcome;

/**
 * A library swapped while host threads call every plugin that uses it through hot handles: each swap restarts
 * the library's users with it, and no call fails, no state is lost.
 */
public class LibrarySwapUnderLoadIT extends GraphTestSupport {

    private static final List<String> USERS = List.of("com.acme.format.user1", "com.acme.format.user2",
            "com.acme.format.user3");

    @Test
    public void aLibrarySwappedUnderCallLoadFailsNoCallAndEveryDependentKeepsItsState() throws Exception {
        drop(AcmeBundles.fixture(FORMAT), "format.jar");
        for (String user : USERS) {
            drop(AcmeBundles.formatUser(user, "[1.0,2)"), user + ".jar");
        }
        awaitAllServing(USERS.toArray(String[]::new));
        var members = new ArrayList<>(USERS);
        members.add(FORMAT);

        var callers = new HandleCallers(handles(), USERS, 2);
        try {
            for (int minor = 1; minor <= 3; minor++) {
                RecordingListener listener = listen();
                callers.awaitCalls(10);
                drop(AcmeBundles.format("1." + minor + ".0"), "format.jar");
                Map<String, ReloadEvent> events = awaitEvents(listener, members, Outcome.RELOADED);
                long transaction = events.get("RELOADED " + FORMAT).transaction();
                for (String name : members) {
                    assertEquals(name, transaction, events.get("RELOADED " + name).transaction());
                    assertEquals(name, minor + 1, plugin(name).orElseThrow().generation());
                }
                callers.awaitCalls(10);
                for (String user : USERS) {
                    assertTrue(callers.lastAnswer(user), callers.lastAnswer(user).endsWith(" format=1." + minor + ".0"));
                }
            }
        } finally {
            callers.close();
        }
        assertNoneFailed(callers);
        for (String user : USERS) {
            assertEquals(user + " count=" + (callers.calls(user) + 1) + " activations=4 format=1.3.0",
                    greetingFrom(user));
        }
        assertRegistryTellsTheTruth();
    }

    @Test
    public void commonsLangSwappedUnderCallLoadFailsNoCallOfThePluginUsingIt() throws Exception {
        drop(AcmeBundles.thirdParty("commons-lang3", "3.12.0"), "commons-lang3.jar");
        dropJackson("2.17.2");
        drop(AcmeBundles.fixture(REPORT), "report.jar");
        awaitAllServing(LANG3, AcmeBundles.DATABIND, REPORT);
        assertEquals("{\"greeting\":\"Hello, World\",\"lang3\":\"3.12.0\",\"jackson\":\"2.17.2\"}",
                greetingFrom(REPORT));
        RecordingListener listener = listen();

        var callers = new HandleCallers(handles(), List.of(REPORT), 2);
        Map<String, ReloadEvent> events;
        try {
            callers.awaitCalls(10);
            drop(AcmeBundles.thirdParty("commons-lang3", "3.17.0"), "commons-lang3.jar");
            events = awaitEvents(listener, List.of(LANG3, REPORT), Outcome.RELOADED);
            callers.awaitCalls(10);
        } finally {
            callers.close();
        }
        assertNoneFailed(callers);
        assertEquals(events.get("RELOADED " + LANG3).transaction(), events.get("RELOADED " + REPORT).transaction());
        assertEquals(java.util.Optional.of("refreshed for org.apache.commons.lang3 3.12.0 -> 3.17.0"),
                events.get("RELOADED " + REPORT).cause());
        assertEquals("3.17.0", plugin(LANG3).orElseThrow().version());
        assertTrue(callers.lastAnswer(REPORT), callers.lastAnswer(REPORT).contains("\"lang3\":\"3.17.0\""));
        assertRegistryTellsTheTruth();
    }
}
