package io.hotbundle.container.internal.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.hotbundle.container.internal.artifacts.ArchiveLimits;

/** Numbers from a settings file, however wrong, give settings a swap can use to the end. */
class SwapSettingsTest {

    @Test
    void aTimeoutOfAFewZerosTooManyIsADayAndOverflowsNoClock() {
        SwapSettings.Values values = new SwapSettings(config(Map.of("activation_timeout_ms", 10_000_000_000_000L,
                "settle_ms", Long.MAX_VALUE, "hold_timeout_ms", -5L))).now();

        assertEquals(Duration.ofDays(1), values.activation());
        assertEquals(Duration.ofDays(1).toNanos(), values.settle().toNanos());
        assertEquals(Duration.ZERO, values.hold());
        assertEquals(Duration.ofSeconds(10), values.drain());
    }

    @Test
    void archiveLimitsThatWouldShiftIntoNonsenseAreBounded() {
        ArchiveLimits limits = new SwapSettings(config(Map.of("archive_max_inflated_mb", 1L << 44,
                "archive_max_manifest_kb", Integer.MAX_VALUE))).now().limits();

        assertEquals(1L << 40, limits.maxInflatedBytes());
        assertEquals(1 << 30, limits.maxManifestBytes());
        assertEquals(512L << 20, limits.maxEntryBytes());
    }

    /** The deployer's configuration with its defaults, but for the values given (by method name). */
    private static DeployerConfig config(Map<String, Object> values) {
        return (DeployerConfig) Proxy.newProxyInstance(DeployerConfig.class.getClassLoader(),
                new Class<?>[] {DeployerConfig.class}, (proxy, method, args) -> {
                    Object value = values.getOrDefault(method.getName(), method.getDefaultValue());
                    return value instanceof Long l && method.getReturnType() == int.class ? (int) (long) l : value;
                });
    }
}
