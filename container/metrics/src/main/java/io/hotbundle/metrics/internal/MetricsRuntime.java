package io.hotbundle.metrics.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.jmx.JmxConfig;
import io.micrometer.jmx.JmxMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The meter registries every other part of this bundle records into: one for Prometheus text (read at
 * {@code /metrics}) and one on the platform MBean server (JMX, so a JConsole or a JMX exporter sees the same
 * figures without any port), behind one composite. The JVM's own meters (memory pools with metaspace, classes,
 * GC, threads, uptime) are bound here once.
 */
@Component(service = MetricsRuntime.class, configurationPid = "io.hotbundle.metrics")
@Designate(ocd = MetricsRuntime.Config.class)
public final class MetricsRuntime {

    @ObjectClassDefinition(name = "Hotbundle metrics")
    public @interface Config {
        @AttributeDefinition(description = "publish the meters as MBeans on the platform MBean server")
        boolean jmx_enabled() default true;

        @AttributeDefinition(description = "the JMX domain of those MBeans")
        String jmx_domain() default "hotbundle";
    }

    private final CompositeMeterRegistry registry = new CompositeMeterRegistry();
    private final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final JmxMeterRegistry jmx;

    @Activate
    public MetricsRuntime(Config config) {
        registry.add(prometheus);
        jmx = config.jmx_enabled() ? new JmxMeterRegistry(new DomainConfig(config.jmx_domain()), Clock.SYSTEM) : null;
        if (jmx != null) {
            registry.add(jmx);
        }
        new JvmMemoryMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
    }

    /** Where meters are registered: every registry of this bundle sees them. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Every meter in the Prometheus text format (version 0.0.4). */
    public String scrape() {
        return prometheus.scrape();
    }

    @Deactivate
    void close() {
        gc.close();
        registry.close();
        prometheus.close();
        if (jmx != null) {
            jmx.close();
        }
    }

    private record DomainConfig(String domain) implements JmxConfig {
        @Override
        public String get(String key) {
            return null;
        }
    }
}
