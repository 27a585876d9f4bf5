package io.hotbundle.health.internal;

import java.util.Comparator;
import java.util.List;

import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckSelector;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code hot:health}: the container's health checks, run now, as the operator reads them: the overall status
 * first, then each check with what it found. The same checks answer {@code /system/health} when HTTP is on.
 */
@Component(service = HealthCommand.class)
@GogoCommand(scope = "hot", function = {"health"})
@Descriptor("the container's health")
public final class HealthCommand {

    static final String TAG = "hotbundle";

    private final HealthCheckExecutor executor;

    @Activate
    public HealthCommand(@Reference HealthCheckExecutor executor) {
        this.executor = executor;
    }

    @Descriptor("run the health checks: the watcher is alive, every plugin serves, no retired version stays in memory,"
            + " the work folder is writable")
    public String health() {
        List<HealthCheckExecutionResult> results = executor.execute(HealthCheckSelector.tags(TAG));
        Result.Status overall = results.stream().map(r -> r.getHealthCheckResult().getStatus())
                .max(Comparator.naturalOrder()).orElse(Result.Status.OK);
        var text = new StringBuilder(overall + " (" + results.size() + " checks)\n");
        results.stream().sorted(Comparator.comparing(r -> r.getHealthCheckMetadata().getName())).forEach(r -> {
            Result result = r.getHealthCheckResult();
            text.append(String.format("%-9s %s%n", result.getStatus(), r.getHealthCheckMetadata().getName()));
            for (ResultLog.Entry entry : result) {
                if (!entry.isDebug()) {
                    text.append("          ").append(entry.getMessage()).append('\n');
                }
            }
        });
        return text.toString();
    }
}
