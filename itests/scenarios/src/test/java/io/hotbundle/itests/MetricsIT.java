package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.Test;

import io.hotbundle.api.ReloadListener;

/**
 * The container's meters after real swaps: read on JMX (the platform MBean server, no port) and as Prometheus
 * text at {@code /metrics} once HTTP is on, with conventional names and units.
 */
public class MetricsIT extends OperatedContainerSupport {

    @Test
    public void swapsAreCountedAndTimedOnJmx() throws Exception {
        deployAndSwapTwice();

        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        String tags = ".outcome.reloaded.plugin." + FIXTURE;
        var swaps = new ObjectName("hotbundle:name=hotbundleSwaps" + tags + ",type=meters");
        var durations = new ObjectName("hotbundle:name=hotbundleSwapDuration" + tags + ",type=timers");
        Await.until("the swap counter on JMX to read 2", () -> count(server, swaps) == 2);
        assertEquals(2L, count(server, durations));
        var heap = server.queryNames(new ObjectName("hotbundle:type=gauges,*"), null).stream()
                .filter(n -> n.getKeyProperty("name").startsWith("jvmMemoryUsed.area.heap")).toList();
        assertTrue(heap.toString(), !heap.isEmpty());
        var metaspace = new ObjectName("hotbundle:name=jvmMemoryUsed.area.nonheap.id.Metaspace,type=gauges");
        assertTrue(((Number) server.getAttribute(metaspace, "Value")).doubleValue() > 0);
    }

    @Test
    public void prometheusTextAtMetricsHasSwapsPluginsAndTheJvm() throws Exception {
        int port = httpOn();
        deployAndSwapTwice();

        String text = Await.value("/metrics to count both swaps", () -> {
            String body = get(port, "/metrics");
            return body != null && body.contains("hotbundle_swaps_total{outcome=\"reloaded\",plugin=\"" + FIXTURE
                    + "\"} 2.0") ? body : null;
        });

        assertTrue(text, text.contains("hotbundle_swap_duration_seconds_count{outcome=\"reloaded\",plugin=\"" + FIXTURE
                + "\"} 2"));
        assertTrue(text, text.contains("hotbundle_swap_duration_seconds_bucket{outcome=\"reloaded\",plugin=\""
                + FIXTURE + "\",le=\""));
        assertTrue(text, text.contains("hotbundle_gate_closed_seconds_count{plugin=\"" + FIXTURE + "\"} 2"));
        assertTrue(text, text.contains("hotbundle_plugins{state=\"serving\"} 1.0"));
        assertTrue(text, text.contains("hotbundle_retired_versions "));
        assertTrue(text, text.contains("jvm_memory_used_bytes{area=\"heap\""));
        assertTrue(text, text.contains("jvm_memory_used_bytes{area=\"nonheap\",id=\"Metaspace\"}"));
        assertTrue(text, text.contains("jvm_classes_loaded_classes "));
        assertTrue(text, text.contains("jvm_classes_unloaded_classes_total "));
    }

    @Test
    public void aHoldThatOverranTheTimeoutIsCounted() throws Exception {
        configureDeployer("hold.timeout.ms", 200L);
        TestJars.drop(fixture(), deploy, "greeter.jar");
        awaitServing(FIXTURE, 1);
        context.registerService(ReloadListener.class,
                new RecordingListener((event, holds) -> holds.hold("a listener that never lets go")), null);

        TestJars.drop(TestJars.withVersion(fixture(), "1.0.1"), deploy, "greeter.jar");
        awaitServing(FIXTURE, 2);

        var overran = new ObjectName("hotbundle:name=hotbundleHoldsOverran.plugin." + FIXTURE + ",type=meters");
        Await.until("the overran hold on JMX", () -> count(ManagementFactory.getPlatformMBeanServer(), overran) == 1);
    }

    private void deployAndSwapTwice() throws Exception {
        TestJars.drop(fixture(), deploy, "greeter.jar");
        awaitServing(FIXTURE, 1);
        TestJars.drop(TestJars.withVersion(fixture(), "1.0.1"), deploy, "greeter.jar");
        awaitServing(FIXTURE, 2);
        TestJars.drop(TestJars.withVersion(fixture(), "1.0.2"), deploy, "greeter.jar");
        awaitServing(FIXTURE, 3);
    }

    private static long count(MBeanServer server, ObjectName name) {
        try {
            return ((Number) server.getAttribute(name, "Count")).longValue();
        } catch (Exception e) {
            return -1;
        }
    }

    /** The body of a GET on loopback, or null while the server does not answer 200. */
    static String get(int port, String path) {
        try {
            var response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5))
                            .build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (Exception e) {
            return null;
        }
    }
}
