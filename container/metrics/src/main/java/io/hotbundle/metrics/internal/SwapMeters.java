package io.hotbundle.metrics.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.hotbundle.api.ReloadEvent;
import io.hotbundle.api.ReloadListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Counts every swap by plugin and outcome and times it, as a whiteboard {@link ReloadListener}: the container
 * tells every listener about every swap, in order, on a thread of the listener's own, so recording here costs
 * the swap nothing.
 *
 * <p>In Prometheus terms: {@code hotbundle_swaps_total{plugin,outcome}}, the histograms
 * {@code hotbundle_swap_duration_seconds{plugin,outcome}} and {@code hotbundle_gate_closed_seconds{plugin}} (how
 * long calls through hot handles were held by a swap, at most), and {@code hotbundle_holds_overran_total{plugin}}
 * (holds still open when the hold timeout let the swap go on).
 *
 * <p>Calls through hot handles are not counted per plugin: a shared counter costs the call path a locked
 * instruction, 3 to 5 ns on the benchmark machine, against the 1 ns allowed (see BENCHMARKS.md, "Per call").
 */
@Component(service = ReloadListener.class)
public final class SwapMeters implements ReloadListener {

    private final MeterRegistry registry;

    @Activate
    public SwapMeters(@Reference MetricsRuntime metrics) {
        this.registry = metrics.registry();
    }

    @Override
    public void reloaded(ReloadEvent event) {
        record(event);
    }

    @Override
    public void reloadFailed(ReloadEvent event) {
        record(event);
    }

    private void record(ReloadEvent event) {
        String plugin = event.symbolicName();
        String outcome = event.outcome().name().toLowerCase(java.util.Locale.ROOT);
        Counter.builder("hotbundle.swaps")
                .description("swaps of a plugin, by outcome (reloaded, rolled_back, failed)")
                .tag("plugin", plugin).tag("outcome", outcome)
                .register(registry).increment();
        Timer.builder("hotbundle.swap.duration")
                .description("how long a swap took, from about-to-reload to reloaded or rolled back")
                .tag("plugin", plugin).tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry).record(event.duration());
        Timer.builder("hotbundle.gate.closed")
                .description("how long a swap held the calls through hot handles to a plugin: the longest wait of a call")
                .tag("plugin", plugin)
                .publishPercentileHistogram()
                .register(registry).record(event.gateClosed());
        if (!event.holdsOverran().isEmpty()) {
            holdsOverran(plugin).increment(event.holdsOverran().size());
        }
    }

    private Counter holdsOverran(String plugin) {
        return Counter.builder("hotbundle.holds.overran")
                .description("holds on a swap still open when the hold timeout passed, so that the swap went on")
                .tag("plugin", plugin)
                .register(registry);
    }
}
