package io.hotbundle.health.internal;

import java.io.IOException;
import java.util.Hashtable;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /system/health}: Felix Health Checks' own servlet, configured here for the container's checks. OK and
 * WARN answer 200, CRITICAL 503 (a Kubernetes probe's reading), in JSON. The servlet sits on the whiteboard and
 * answers only when the operator turned HTTP on.
 */
@Component(immediate = true)
public final class HealthEndpoint {

    static final String SERVLET_PID = "org.apache.felix.hc.core.impl.servlet.HealthCheckExecutorServlet";
    static final String PATH = "/system/health";

    private final Configuration configuration;

    @Activate
    public HealthEndpoint(@Reference ConfigurationAdmin admin) throws IOException {
        configuration = admin.getFactoryConfiguration(SERVLET_PID, "hotbundle", "?");
        var properties = new Hashtable<String, Object>();
        properties.put("servletPath", PATH);
        properties.put("tags", new String[] {HealthCommand.TAG});
        properties.put("format", "json");
        properties.put("httpStatusMapping", "OK:200,WARN:200,CRITICAL:503,TEMPORARILY_UNAVAILABLE:503,"
                + "HEALTH_CHECK_ERROR:500");
        properties.put("disabled", false);
        configuration.updateIfDifferent(properties);
    }

    @Deactivate
    void remove() throws IOException {
        try {
            configuration.delete();
        } catch (IllegalStateException e) {
            // already gone with ConfigAdmin
        }
    }
}
