package io.hotbundle.health.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongSupplier;

import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The deploy folder's watcher is alive: it completed a scan within the last few poll intervals. A watcher that
 * silently stops noticing files (it happened to Karaf's deploy folder after a JDK upgrade) is otherwise unseen.
 *
 * <p>The watcher tells its scans through its pulse, a service of the JDK's own type so that the watcher needs no
 * package of this bundle: a {@link LongSupplier} with the service property {@value #PULSE}{@code =}
 * {@value #WATCHER} whose value is the time its last scan completed (epoch milliseconds), and the property
 * {@value #POLL_MS} (its poll interval, a Long). Without a pulse this check says it cannot tell.
 */
@Component(service = HealthCheck.class, configurationPid = HealthSettings.PID, property = {
        HealthCheck.NAME + "=deploy watcher alive", HealthCheck.TAGS + "=hotbundle",
        HealthCheck.RESULT_CACHE_TTL_IN_MS + ":Long=200"})
public final class WatcherAliveCheck implements HealthCheck {

    static final String PULSE = "hotbundle.pulse";
    static final String WATCHER = "deploy.watcher";
    static final String POLL_MS = "poll.ms";

    private final HealthSettings settings;
    private final Clock clock;

    @Reference(service = LongSupplier.class, target = "(" + PULSE + "=" + WATCHER + ")", cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Map.Entry<Map<String, Object>, LongSupplier> pulse;

    @Activate
    public WatcherAliveCheck(HealthSettings settings) {
        this(settings, Clock.systemUTC());
    }

    WatcherAliveCheck(HealthSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Result execute() {
        var log = new FormattingResultLog();
        var current = pulse;
        if (current == null) {
            log.info("the deploy folder's watcher publishes no scan times: this check cannot tell whether it scans");
            return new Result(log);
        }
        long poll = current.getKey().get(POLL_MS) instanceof Number n ? n.longValue() : 1000;
        judge(log, current.getValue().getAsLong(), poll);
        return new Result(log);
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
