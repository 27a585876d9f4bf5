package io.hotbundle.health.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The work folder takes writes: state hand-offs, logs and the bundle cache live there. Checked by writing and
 * deleting a small file, since permissions alone do not say whether the disk is full or read-only.
 */
@Component(service = HealthCheck.class, property = {HealthCheck.NAME + "=work folder writable",
        HealthCheck.TAGS + "=hotbundle", HealthCheck.RESULT_CACHE_TTL_IN_MS + ":Long=1000"})
public final class WorkFolderCheck implements HealthCheck {

    private final Path work;

    @Activate
    public WorkFolderCheck(BundleContext context) {
        String property = context.getProperty("hotbundle.work");
        this.work = property == null ? null : Path.of(property);
    }

    @Override
    public Result execute() {
        var log = new FormattingResultLog();
        if (work == null) {
            log.critical("no work folder is configured (framework property hotbundle.work)");
            return new Result(log);
        }
        Path probe = work.resolve(".health-probe");
        try {
            Files.write(probe, new byte[] {1});
            Files.delete(probe);
            log.info("{} takes writes", work);
        } catch (IOException | RuntimeException e) {
            log.critical("{} does not take writes: {}", work, e.getMessage());
        }
        return new Result(log);
    }
}
