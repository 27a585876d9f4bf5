package io.hotbundle.fleet.internal;

import static java.lang.System.Logger.Level.ERROR;

import java.lang.System.Logger;
import java.nio.file.Path;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.hotbundle.api.PluginRegistry;
import io.hotbundle.spi.PluginSources;

/**
 * Turns fleet mode on and off: on while a ZooKeeper connect string is configured ({@code --fleet}, or
 * {@code connect} in {@code etc/io.hotbundle.fleet.cfg}), started again when the settings change. Off, it holds
 * nothing: no thread, no connection, no port; the container is the single node it always was.
 */
@Component(service = FleetComponent.class, immediate = true, configurationPid = FleetComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = FleetComponent.Config.class)
public final class FleetComponent {

    /** The configuration PID, an operator's name: {@code etc/io.hotbundle.fleet.cfg}. */
    public static final String PID = "io.hotbundle.fleet";

    private static final Logger LOG = System.getLogger("hotbundle");

    /** The fleet's settings; each may also come from the framework property {@code hotbundle.fleet.<key>}. */
    @ObjectClassDefinition(name = "Hotbundle fleet")
    public @interface Config {

        @AttributeDefinition(description = "ZooKeeper's connect string, host:port[,host:port...][/chroot]; empty: fleet mode off")
        String connect() default "";

        @AttributeDefinition(description = "The fleet this node belongs to")
        String fleet() default "default";

        @AttributeDefinition(description = "This node's name in the fleet (default: host name and a hash of the work folder)")
        String node() default "";

        @AttributeDefinition(description = "The Maven repository of the fleet's builds: a file:, http: or https: URL")
        String repository() default "";

        @AttributeDefinition(description = "The groupId of a plugin named without one in hot:rollout")
        String group() default "";

        @AttributeDefinition(description = "user:password for ZooKeeper's digest authentication; znodes are then "
                + "readable and writable by that identity only", type = AttributeType.PASSWORD)
        String auth() default "";

        @AttributeDefinition(description = "ZooKeeper's session timeout, in milliseconds")
        int session_timeout_ms() default 15_000;

        @AttributeDefinition(description = "How long one connection attempt to ZooKeeper may take, in milliseconds")
        int connection_timeout_ms() default 5_000;
    }

    private final BundleContext context;
    private final PluginSources sources;
    private final PluginRegistry registry;
    private FleetSettings settings;
    private Fleet fleet;

    @Activate
    public FleetComponent(BundleContext context, @Reference PluginSources sources, @Reference PluginRegistry registry,
            Map<String, Object> properties) {
        this.context = context;
        this.sources = sources;
        this.registry = registry;
        apply(properties);
    }

    @Modified
    synchronized void apply(Map<String, Object> properties) {
        FleetSettings next;
        try {
            next = FleetSettings.resolve(properties, context::getProperty, workFolder());
        } catch (IllegalArgumentException e) {
            LOG.log(ERROR, "fleet: settings refused, fleet mode stays as it was: {0}", e.getMessage());
            return;
        }
        if (next.equals(settings)) {
            return;
        }
        stop();
        settings = next;
        if (next.enabled()) {
            try {
                fleet = Fleet.start(next, context, sources, registry);
            } catch (Exception | LinkageError e) {
                LOG.log(ERROR, "fleet: not started: {0}", e.toString());
            }
        }
    }

    /** Fleet mode, when on. */
    synchronized Fleet fleet() {
        if (fleet == null) {
            throw new IllegalStateException("fleet mode is off: start the container with --fleet HOST:PORT, or set "
                    + "connect in etc/" + PID + ".cfg");
        }
        return fleet;
    }

    @Deactivate
    synchronized void stop() {
        if (fleet != null) {
            fleet.close();
            fleet = null;
        }
    }

    private Path workFolder() {
        String work = context.getProperty("hotbundle.work");
        return work == null ? context.getDataFile("").toPath() : Path.of(work);
    }
}
