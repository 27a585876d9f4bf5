package io.hotbundle.health.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The deploy folder's watcher is alive: it completed a scan within the last few poll intervals. A watcher that
 * silently stops noticing files (it happened to Karaf's deploy folder after a JDK upgrade) is otherwise unseen.
 *
 * <p>The watcher tells its scans through its pulse, a service of the JDK's own type so that the watcher needs no
 * package of this bundle: a {@link LongSupplier} with the service property {@value #PULSE}{@code =}
 * {@value #WATCHER} whose value is the time its last scan completed (epoch milliseconds), and the property
 * {@value #POLL_MS} (its poll interval, a Long). The watcher sleeps until something happens, so asking the pulse
 * asks the watcher for a scan, and waits a bounded time for it. Without a pulse this check says it cannot tell.
 */
@Component(service = HealthCheck.class, configurationPid = HealthSettings.PID, property = {
        HealthCheck.NAME + "=deploy watcher alive", HealthCheck.TAGS + "=hotbundle",
        HealthCheck.RESULT_CACHE_TTL_IN_MS + ":Long=200"})
public final class WatcherAliveCheck implements HealthCheck {

    static final String PULSE = "hotbundle.pulse";
    static final String WATCHER = "deploy.watcher";
    static final String POLL_MS = "poll.ms";

    /** Only the container's own watcher has a pulse: a plugin may register a LongSupplier of that name too. */
    static final String CONTAINER = "io.hotbundle.container";

    private final HealthSettings settings;
    private final Clock clock;
    private final BundleContext context;

    @Reference(service = LongSupplier.class, target = "(" + PULSE + "=" + WATCHER + ")",
            cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            fieldOption = FieldOption.REPLACE)
    private volatile List<Map.Entry<Map<String, Object>, LongSupplier>> pulses = List.of();

    @Activate
    public WatcherAliveCheck(BundleContext context, HealthSettings settings) {
        this(context, settings, Clock.systemUTC());
    }

    WatcherAliveCheck(BundleContext context, HealthSettings settings, Clock clock) {
        this.context = context;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Result execute() {
        var log = new FormattingResultLog();
        var current = pulses.stream().filter(this::fromTheContainer).findFirst().orElse(null);
        if (current == null) {
            log.info("the deploy folder's watcher publishes no scan times: this check cannot tell whether it scans");
            return new Result(log);
        }
        long poll = current.getKey().get(POLL_MS) instanceof Number n ? n.longValue() : 1000;
        judge(log, current.getValue().getAsLong(), poll);
        return new Result(log);
    }

    /**
     * Whether a pulse comes from the container's bundle (hosted bundles cannot carry its name, and their
     * locations start with {@code hotbundle:}): a plugin that published one could otherwise keep a dead watcher
     * looking alive.
     */
    private boolean fromTheContainer(Map.Entry<Map<String, Object>, LongSupplier> pulse) {
        Bundle from = pulse.getKey().get(Constants.SERVICE_BUNDLEID) instanceof Long id ? context.getBundle(id) : null;
        return from != null && CONTAINER.equals(from.getSymbolicName()) && !from.getLocation().startsWith("hotbundle:");
    }

    /** Alive when the last scan is more recent than the allowed silence. */
    void judge(FormattingResultLog log, long lastScanMillis, long pollMillis) {
        Duration silence = Duration.ofMillis(clock.millis() - lastScanMillis);
        Duration allowed = Duration.ofMillis(Math.max(settings.watcher_min_silence_ms(),
                settings.watcher_missed_polls() * pollMillis));
        if (lastScanMillis <= 0) {
            log.critical("the deploy folder's watcher has not completed a scan yet");
        } else if (silence.compareTo(allowed) > 0) {
            log.critical("the deploy folder's watcher has not completed a scan for {} s (poll {} ms, allowed {} ms)",
                    silence.toSeconds(), pollMillis, allowed.toMillis());
        } else {
            log.info("the deploy folder's watcher completed a scan {} ms ago (poll {} ms)", silence.toMillis(),
                    pollMillis);
        }
    }
}
