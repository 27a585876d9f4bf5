package io.hotbundle.http.internal;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.hotbundle.http.internal.rules.HttpRule;

/**
 * Opens the one HTTP server (Felix HTTP on Jetty, which serves {@code /metrics}, {@code /system/health} and the
 * web console) when, and only when, the operator's {@code io.hotbundle.http} settings ask for a port and set a
 * console password: without this configuration no port opens. Jetty runs with
 * {@code org.apache.felix.http.require.config=true} (a framework property), so it starts only once this
 * component gives it the {@code org.apache.felix.http} configuration, and stops when that goes away.
 *
 * <p>The web console's authentication is the operator's password, checked by a security provider registered
 * here before the port opens ({@link ConsoleAuthentication}); the console's own fallback (admin/admin) ranks
 * below it and is never consulted. The server and the console are installed only now ({@link ConsoleBundles}).
 */
@Component(configurationPid = HttpRule.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = HttpSwitch.Config.class)
public final class HttpSwitch {

    @ObjectClassDefinition(name = "Hotbundle HTTP")
    public @interface Config {
        @AttributeDefinition(description = "the port of the HTTP server; none (or 0) keeps HTTP off")
        int http_port() default 0;

        @AttributeDefinition(description = "the address it listens on: loopback unless given (0.0.0.0 for every"
                + " interface)")
        String http_address() default "127.0.0.1";

        @AttributeDefinition(description = "the web console's user name")
        String console_user() default "hotbundle";

        @AttributeDefinition(description = "the web console's password: the password, or {sha-256} followed by the"
                + " Base64 of its SHA-256 digest; required when http.port is set, and never 'admin'")
        String console_password() default "";
    }

    static final String JETTY_PID = "org.apache.felix.http";
    private static final Duration PORT_WAIT = Duration.ofSeconds(2);

    private final Configuration jetty;
    private final ServiceRegistration<?> authentication;

    @Activate
    public HttpSwitch(BundleContext context, @Reference ConfigurationAdmin admin,
            @Reference(service = LoggerFactory.class) Logger log, Map<String, Object> properties, Config config)
            throws IOException, BundleException, InterruptedException {
        this.jetty = admin.getConfiguration(JETTY_PID, "?");
        Optional<String> refusal = HttpRule.refusal(properties);
        if (refusal.isEmpty() && HttpRule.port(properties) != 0) {
            refusal = unavailable(config.http_address(), config.http_port());
        }
        if (refusal.isPresent() || HttpRule.port(properties) == 0) {
            refusal.ifPresent(reason -> log.error("HTTP stays off: {}", reason));
            deleteQuietly(jetty);
            this.authentication = null;
            return;
        }
        ConsoleBundles.ensureStarted(context);
        this.authentication = ConsoleAuthentication.register(context, config.console_user(), config.console_password());
        jetty.updateIfDifferent(jettySettings(config));
        log.info("HTTP on http://{}:{}/ (metrics /metrics, health /system/health, console /system/console)",
                config.http_address(), config.http_port());
    }

    /**
     * Why the address cannot be listened on, if it cannot. Jetty, given a port another process holds, logs pages
     * of stack traces and serves nothing, after this component said HTTP was on. A port this container's own
     * Jetty is still letting go of (the settings changed while it ran) frees within moments: it is tried again
     * for up to two seconds.
     */
    private static Optional<String> unavailable(String address, int port) throws InterruptedException {
        long deadline = System.nanoTime() + PORT_WAIT.toNanos();
        while (true) {
            try (var probe = new ServerSocket()) {
                probe.setReuseAddress(true); // as Jetty does: a port left in TIME_WAIT is free to it
                probe.bind(new InetSocketAddress(InetAddress.getByName(address), port));
                return Optional.empty();
            } catch (IOException e) {
                if (!(e instanceof BindException) || System.nanoTime() > deadline) {
                    return Optional.of(address + ":" + port + " cannot be listened on (" + e.getMessage() + ")");
                }
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    private static Dictionary<String, Object> jettySettings(Config config) {
        var settings = new HashMap<String, Object>();
        settings.put("org.osgi.service.http.port", config.http_port());
        settings.put("org.apache.felix.http.host", config.http_address());
        settings.put("org.apache.felix.http.enable", true);
        settings.put("org.apache.felix.https.enable", false);
        // A management endpoint: a handful of threads, not Jetty's 200.
        settings.put("org.apache.felix.http.jetty.threadpool.max", 16);
        settings.put("org.apache.felix.http.jetty.sendServerHeader", false);
        return new Hashtable<>(settings);
    }

    @Deactivate
    void close() {
        deleteQuietly(jetty);
        if (authentication != null) {
            authentication.unregister();
        }
    }

    private static void deleteQuietly(Configuration configuration) {
        try {
            configuration.delete();
        } catch (IOException | IllegalStateException e) {
            // nothing to delete, or ConfigAdmin is going away with the framework
        }
    }
}
