package io.hotbundle.health.internal;

import java.util.HashMap;
import java.util.Map;

import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.metatype.annotations.Designate;

import io.hotbundle.api.PluginInfo;
import io.hotbundle.api.PluginRegistry;
import io.hotbundle.api.PluginStatus;

/**
 * Every plugin serves: its status is serving (or paused: an operator's choice) and none of its DS components
 * waits for a service or failed its activation. A failed plugin is CRITICAL, a waiting one (or one that serves
 * the previous build after a rollback) WARN, unless the operator says otherwise for that plugin.
 */
@Component(service = HealthCheck.class, configurationPid = HealthSettings.PID, property = {
        HealthCheck.NAME + "=plugins serve", HealthCheck.TAGS + "=hotbundle",
        HealthCheck.RESULT_CACHE_TTL_IN_MS + ":Long=200"})
@Designate(ocd = HealthSettings.class)
public final class PluginsServeCheck implements HealthCheck {

    private final BundleContext context;
    private final PluginRegistry registry;
    private final ServiceComponentRuntime scr;
    private final Result.Status failed;
    private final Result.Status waiting;
    private final Map<String, Result.Status> perPlugin = new HashMap<>();

    @Activate
    public PluginsServeCheck(BundleContext context, @Reference PluginRegistry registry,
            @Reference ServiceComponentRuntime scr, HealthSettings settings) {
        this.context = context;
        this.registry = registry;
        this.scr = scr;
        this.failed = Statuses.parse(settings.failed_status());
        this.waiting = Statuses.parse(settings.waiting_status());
        for (String entry : settings.plugin_status()) {
            int equals = entry.indexOf('=');
            if (equals > 0) {
                perPlugin.put(entry.substring(0, equals).trim(), Statuses.parse(entry.substring(equals + 1)));
            }
        }
    }

    @Override
    public Result execute() {
        var log = new FormattingResultLog();
        int serving = 0;
        for (PluginInfo plugin : registry.plugins()) {
            String trouble = trouble(plugin);
            if (trouble == null) {
                serving++;
                continue;
            }
            boolean isFailure = plugin.status() == PluginStatus.FAILED || trouble.contains("failed");
            Result.Status status = perPlugin.getOrDefault(plugin.symbolicName(), isFailure ? failed : waiting);
            Statuses.report(log, status, "{} {}: {}", plugin.symbolicName(), plugin.version(), trouble);
        }
        log.info("{} of {} plugins serve", serving, registry.plugins().size());
        return new Result(log);
    }

    /** Why the plugin does not serve fully now, or null when it does. */
    private String trouble(PluginInfo plugin) {
        String status = plugin.status().name();
        if ("FAILED".equals(status)) {
            return "failed" + plugin.problem().map(p -> " (" + p + ")").orElse("");
        }
        if ("ROLLED_BACK".equals(status)) {
            return "serves the previous build: the new one was rolled back" + plugin.problem().map(p -> " (" + p + ")")
                    .orElse("");
        }
        if ("WAITING".equals(status)) {
            return "waiting";
        }
        Bundle bundle = context.getBundle(plugin.bundleId());
        if (bundle == null) {
            return null;
        }
        boolean waitingComponent = false;
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    return "component " + description.name + " failed activation";
                }
                waitingComponent |= configuration.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE;
            }
        }
        return waitingComponent ? "a component waits for a service" : null;
    }
}
