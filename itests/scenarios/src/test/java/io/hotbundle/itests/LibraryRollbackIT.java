package io.hotbundle.itests;

import static io.hotbundle.itests.AcmeBundles.FORMAT;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.hotbundle.api.PluginInfo;
import io.hotbundle.api.PluginStatus;
import io.hotbundle.api.ReloadEvent;
import io.hotbundle.api.ReloadEvent.Outcome;

/**
 * A library version that its dependents cannot activate with: the library and every dependent go back to the
 * versions they had, each with the state it handed off, in one transaction, and the host calling them sees no
 * failed call.
 */
public class LibraryRollbackIT extends GraphTestSupport {

    private static final List<String> USERS = List.of("com.acme.format.user1", "com.acme.format.user2",
            "com.acme.format.user3");

    @Test
    public void aLibraryItsDependentsCannotActivateWithLeavesEveryDependentServingTheOldVersionWithItsState()
            throws Exception {
        drop(AcmeBundles.fixture(FORMAT), "format.jar");
        for (String user : USERS) {
            drop(AcmeBundles.formatUser(user, "[1.0,2)"), user + ".jar");
        }
        awaitAllServing(USERS.toArray(String[]::new));
        RecordingListener listener = listen();
        var members = new ArrayList<>(USERS);
        members.add(FORMAT);

        var callers = new HandleCallers(handles(), USERS, 2);
        Map<String, ReloadEvent> events;
        try {
            callers.awaitCalls(10);
            drop(AcmeBundles.formatRefusingDependents("1.1.0"), "format.jar");
            events = awaitEvents(listener, members, Outcome.ROLLED_BACK);
            callers.awaitCalls(10);
        } finally {
            callers.close();
        }
        assertNoneFailed(callers);

        long transaction = events.get("ROLLED_BACK " + FORMAT).transaction();
        String failure = events.get("ROLLED_BACK " + FORMAT).failure().orElseThrow();
        assertTrue(failure, failure.contains("format 1.1.0 refuses its dependents"));
        assertTrue(failure, USERS.stream().anyMatch(failure::contains));
        for (String name : members) {
            assertEquals(name, transaction, events.get("ROLLED_BACK " + name).transaction());
            PluginInfo info = plugin(name).orElseThrow();
            assertEquals(name, 1, info.generation());
            assertEquals(name, "1.0.0", info.version());
        }
        PluginInfo library = plugin(FORMAT).orElseThrow();
        assertEquals(PluginStatus.ROLLED_BACK, library.status());
        assertTrue(library.problem().orElseThrow(), library.problem().orElseThrow().contains("rolled back 1.1.0"));
        for (String user : USERS) {
            assertEquals(PluginStatus.SERVING, plugin(user).orElseThrow().status());
            // Wired to the old library again, with the count it had: one more than the callers saw.
            assertEquals(user + " count=" + (callers.calls(user) + 1) + " activations=2 format=1.0.0",
                    greetingFrom(user));
        }
        assertRegistryTellsTheTruth();

        // That build is not tried again until its file changes, whatever else arrives.
        TestJars.drop(fixture(), deploy, "greeter.jar");
        awaitServing(FIXTURE, 1);
        awaitEarlierDropsHandled();
        assertEquals(reloads.history(FORMAT).toString(), 1, reloads.history(FORMAT).size());
    }
}
