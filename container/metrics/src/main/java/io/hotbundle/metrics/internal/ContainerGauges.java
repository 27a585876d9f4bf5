package io.hotbundle.metrics.internal;

import java.util.List;
import java.util.Locale;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import io.hotbundle.api.PluginControl;
import io.hotbundle.api.PluginRegistry;
import io.hotbundle.api.PluginStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What the container holds now, read from its services when a reader asks (a scrape, a JMX read), never
 * polled: {@code hotbundle_plugins{state}} and {@code hotbundle_retired_versions} (swapped-out versions still
 * in memory, which {@code hot:leaks} explains).
 */
@Component(service = {})
public final class ContainerGauges {

    private final MeterRegistry registry;
    private final List<Meter> meters = new java.util.ArrayList<>();

    @Activate
    public ContainerGauges(@Reference MetricsRuntime metrics, @Reference PluginRegistry plugins,
            @Reference PluginControl control) {
        this.registry = metrics.registry();
        for (PluginStatus status : PluginStatus.values()) {
            meters.add(Gauge.builder("hotbundle.plugins", plugins, r -> count(r, status))
                    .description("plugins hosted, by state")
                    .tag("state", status.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
        meters.add(Gauge.builder("hotbundle.retired.versions", control, c -> c.leaks().size())
                .description("swapped-out plugin versions still in memory (see hot:leaks)")
                .register(registry));
    }

    private static double count(PluginRegistry plugins, PluginStatus status) {
        return plugins.plugins().stream().filter(p -> p.status() == status).count();
    }

    @Deactivate
    void remove() {
        meters.forEach(registry::remove);
    }
}
