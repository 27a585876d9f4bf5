package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.ref.WeakReference;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

import io.hotbundle.api.PluginControl;
import io.hotbundle.api.ReloadEvent;
import io.hotbundle.api.ReloadEvent.Outcome;
import io.hotbundle.api.example.Greeter;
import io.hotbundle.api.state.PluginState;

/**
 * A plugin's state goes from the old version to the new one through the container's state service, also when
 * the new version changed its state class, and stays with the old version when the new one cannot take it.
 */
public class StateHandoffIT extends ContainerTestSupport {

    private static final String COUNTER = "io.hotbundle.fixture.counter";

    @Test
    public void stateCrossesToAVersionThatRenamedAndAddedStateFields() throws Exception {
        TestJars.drop(counter(1), deploy, "counter.jar");
        awaitServing(COUNTER, 1);
        assertEquals("v1 count=1 activations=1", greetingFrom(COUNTER));
        assertEquals("v1 count=2 activations=1", greetingFrom(COUNTER));

        assertEquals(Outcome.RELOADED, swapTo(counter(2)).outcome());

        // count (schema 1) became total (schema 2) by the plugin's migration; lastName is new and starts empty.
        assertEquals("v2 total=3 activations=2 last=null", greetingFrom(COUNTER));
        assertEquals("v2 total=4 activations=2 last=world", greetingFrom(COUNTER));
    }

    @Test
    public void aPluginStateServiceOfSomeoneElseDoesNotStandInForTheContainers() throws Exception {
        servingVersionOneThatCountedTwice();

        // Registered by a bundle that is not the container's (this test's), at the highest ranking there is: a
        // plugin could, to read every plugin's state and hand each an empty one.
        var forgetful = (PluginState) Proxy.newProxyInstance(PluginState.class.getClassLoader(),
                new Class<?>[] {PluginState.class}, (proxy, method, args) -> method.getReturnType() == Optional.class
                        ? Optional.empty() : null);
        var registration = context.registerService(PluginState.class, forgetful,
                new Hashtable<>(Map.of(Constants.SERVICE_RANKING, Integer.MAX_VALUE)));
        try {
            assertEquals(Outcome.RELOADED, swapTo(counter(2)).outcome());
            assertEquals("v2 total=3 activations=2 last=null", greetingFrom(COUNTER));
        } finally {
            registration.unregister();
        }
    }

    @Test
    public void aVersionWhoseRestoreThrowsIsRolledBackAndTheOldVersionGetsItsStateBack() throws Exception {
        servingVersionOneThatCountedTwice();

        ReloadEvent event = swapTo(TestJars.withHeaders(counter(2), Map.of("Fixture-Behaviour", "restore-wrong-type")));

        assertEquals(Outcome.ROLLED_BACK, event.outcome());
        assertTrue(event.failure().orElseThrow(), event.failure().orElseThrow().contains("Misread.count: saved value '2' does not fit boolean"));
        assertEquals("v1 count=3 activations=2", greetingFrom(COUNTER));
    }

    @Test
    public void theHandedOffStateIsWrittenToTheWorkFolderReadably() throws Exception {
        TestJars.drop(counter(1), deploy, "counter.jar");
        awaitServing(COUNTER, 1);
        greetingFrom(COUNTER);

        swapTo(counter(2));

        Path file = Path.of(context.getProperty("hotbundle.work"), "state", COUNTER + ".json");
        String json = Files.readString(file);
        assertTrue(json, json.contains("\"savedBy\": \"1.0.0\""));
        assertTrue(json, json.contains("\"count\": 1"));
        assertTrue(json, json.contains("\"activations\": 1"));
    }

    /**
     * The container converts state with Jackson, which caches what it learns per class: a cache that outlived a
     * version would keep its record class, and so the whole version, in memory. After 20 swaps of a plugin that
     * hands its state over each time, no retired version is left.
     */
    @Test
    public void twentySwapsOfAStatefulPluginLeaveNoRetiredVersionInMemory() throws Exception {
        TestJars.drop(counter(1), deploy, "counter.jar");
        awaitServing(COUNTER, 1);
        List<WeakReference<ClassLoader>> retired = new ArrayList<>();
        for (int patch = 1; patch <= 20; patch++) {
            assertEquals("v1 count=" + patch + " activations=" + patch, greetingFrom(COUNTER));
            retired.add(new WeakReference<>(loaderOfTheServingVersion()));
            assertEquals(Outcome.RELOADED, swapTo(TestJars.withVersion(counter(1), "1.0." + patch)).outcome());
        }
        assertEquals("the state crossed every swap", "v1 count=21 activations=21", greetingFrom(COUNTER));

        Await.until("every retired version to be collected", () -> {
            System.gc();
            return retired.stream().allMatch(loader -> loader.get() == null);
        });
        PluginControl control = context.getService(context.getServiceReference(PluginControl.class));
        assertTrue(control.leaks().toString(), control.leaks().stream().noneMatch(l -> l.symbolicName().equals(COUNTER)));
    }

    private void servingVersionOneThatCountedTwice() throws Exception {
        TestJars.drop(counter(1), deploy, "counter.jar");
        awaitServing(COUNTER, 1);
        greetingFrom(COUNTER);
        greetingFrom(COUNTER);
    }

    /** Drops the build as the counter's file and waits for the swap's final event. */
    private ReloadEvent swapTo(Path build) throws Exception {
        return swapTo(Files.readAllBytes(build));
    }

    private ReloadEvent swapTo(byte[] build) throws Exception {
        var swapped = reloads.nextReload(COUNTER);
        TestJars.drop(build, deploy, "counter.jar");
        return swapped.get(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private ClassLoader loaderOfTheServingVersion() throws Exception {
        for (ServiceReference<Greeter> reference : context.getServiceReferences(Greeter.class, null)) {
            if (COUNTER.equals(reference.getBundle().getSymbolicName())) {
                try {
                    return context.getService(reference).getClass().getClassLoader();
                } finally {
                    context.ungetService(reference);
                }
            }
        }
        throw new AssertionError("no Greeter of " + COUNTER);
    }
}
