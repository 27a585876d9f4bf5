package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.Test;

/**
 * The container's health through Felix Health Checks: {@code hot:health} and {@code /system/health} go CRITICAL
 * (503) when a plugin fails and back to OK (200) when it serves again; an operator can make one plugin's failure
 * a warning.
 */
public class HealthIT extends OperatedContainerSupport {

    @Test
    public void aFailedPluginMakesHealthCriticalAndAServingOneMakesItOkAgain() throws Exception {
        int port = httpOn();
        TestJars.drop(fixture(), deploy, "greeter.jar");
        awaitServing(FIXTURE, 1);
        Await.until("/system/health to answer 200", () -> status(port) == 200);
        assertTrue(run("hot:health").startsWith("OK"));

        TestJars.drop(TestJars.withHeaders(fixture(), Map.of("Fixture-Behaviour", "fail-activation",
                "Bundle-SymbolicName", "io.hotbundle.fixture.broken")), deploy, "broken.jar");

        Await.until("/system/health to answer 503", () -> status(port) == 503);
        String health = run("hot:health");
        assertTrue(health, health.startsWith("CRITICAL"));
        assertTrue(health, health.contains("io.hotbundle.fixture.broken 1.0.0: "));

        java.nio.file.Files.delete(deploy.resolve("broken.jar"));
        Await.until("/system/health to answer 200 again", () -> status(port) == 200);
        // A removed version may stay in memory a moment (the retired-version check's WARN) until collected.
        try {
            Await.until("hot:health to say OK again", () -> healthSays("OK"));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + run("hot:health"));
        }
    }

    private boolean healthSays(String status) {
        try {
            return run("hot:health").startsWith(status);
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    public void theOperatorCanMakeOnePluginsFailureAWarning() throws Exception {
        configureExactly("io.hotbundle.health", Map.of("plugin.status", new String[] {
            "io.hotbundle.fixture.broken=WARN"}));
        TestJars.drop(TestJars.withHeaders(fixture(), Map.of("Fixture-Behaviour", "fail-activation",
                "Bundle-SymbolicName", "io.hotbundle.fixture.broken")), deploy, "broken.jar");

        String health = Await.value("hot:health to see the broken plugin", () -> {
            try {
                String text = run("hot:health");
                return text.contains("io.hotbundle.fixture.broken") ? text : null;
            } catch (Exception e) {
                return null;
            }
        });
        assertTrue(health, health.startsWith("WARN"));
    }

    @Test
    public void theWorkFolderAndRetiredVersionsAreChecked() throws Exception {
        String health = run("hot:health");

        assertTrue(health, health.contains("work folder writable"));
        assertTrue(health, health.contains("no retired version in memory"));
        assertTrue(health, health.contains("plugins serve"));
        assertEquals(health, 4, health.lines().filter(l -> !l.startsWith(" ")).count() - 1);
    }

    /**
     * The watcher's pulse reaches the check: it says when the watcher last looked at the folder, and an operator
     * who allows no silence at all sees it CRITICAL (the same as a watcher that stopped).
     */
    @Test
    public void theWatcherIsSeenAliveThroughItsPulse() throws Exception {
        String health = run("hot:health");
        assertTrue(health, health.lines().anyMatch(l -> l.contains("deploy watcher alive") && l.startsWith("OK")));
        assertTrue(health, health.contains("the deploy folder's watcher completed a scan "));

        configureExactly("io.hotbundle.health", Map.of("watcher.missed.polls", 0, "watcher.min.silence.ms", 0L));

        Await.until("hot:health to find the watcher silent for longer than allowed", () -> healthSays("CRITICAL"));
        assertTrue(run("hot:health").contains("the deploy folder's watcher has not completed a scan for"));
    }

    /**
     * A bundle other than the container that publishes a pulse of the watcher's name (one that always says "just
     * now", an hour ahead) cannot make the watcher look alive.
     */
    @Test
    public void aPulseFromAnotherBundleIsNotTheWatchers() throws Exception {
        var forged = new java.util.Hashtable<String, Object>(Map.of("hotbundle.pulse", "deploy.watcher",
                "poll.ms", 1000L, org.osgi.framework.Constants.SERVICE_RANKING, Integer.MAX_VALUE));
        context.registerService(java.util.function.LongSupplier.class,
                (java.util.function.LongSupplier) () -> System.currentTimeMillis() + 3_600_000, forged);

        configureExactly("io.hotbundle.health", Map.of("watcher.missed.polls", 0, "watcher.min.silence.ms", 0L));

        Await.until("hot:health to judge the container's own watcher, silent for longer than allowed",
                () -> healthSays("CRITICAL"));
    }

    private static int status(int port) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/system/health")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
