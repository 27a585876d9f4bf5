package io.hotbundle.health.internal;

import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.hotbundle.api.PluginControl;
import io.hotbundle.api.RetiredVersion;

/** No swapped-out version stays in memory: each one that does is named with what seems to hold it. */
@Component(service = HealthCheck.class, configurationPid = HealthSettings.PID, property = {
        HealthCheck.NAME + "=no retired version in memory", HealthCheck.TAGS + "=hotbundle",
        HealthCheck.RESULT_CACHE_TTL_IN_MS + ":Long=200"})
public final class RetiredVersionsCheck implements HealthCheck {

    private final PluginControl control;
    private final Result.Status status;

    @Activate
    public RetiredVersionsCheck(@Reference PluginControl control, HealthSettings settings) {
        this.control = control;
        this.status = Statuses.parse(settings.retired_status());
    }

    @Override
    public Result execute() {
        var log = new FormattingResultLog();
        var retired = control.leaks();
        for (RetiredVersion version : retired) {
            Statuses.report(log, status, "{} {} retired at {} is still in memory: {} (hot:leaks)", version.symbolicName(),
                    version.version(), version.retiredAt(), version.holder());
        }
        if (retired.isEmpty()) {
            log.info("no swapped-out version is left in memory");
        }
        return new Result(log);
    }
}
