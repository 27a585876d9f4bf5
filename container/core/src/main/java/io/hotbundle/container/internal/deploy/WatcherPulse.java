package io.hotbundle.container.internal.deploy;

import java.util.Hashtable;
import java.util.function.LongSupplier;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The watcher's pulse: asked, it sends the watcher a {@link WatcherProbe} and answers when the watcher last
 * looked at the deploy folder, for the health check that tells an operator the watcher still notices files (a
 * watcher that silently stopped is what Karaf's deploy folder once did after a JDK upgrade).
 *
 * <p>A service of the JDK's own type, {@link LongSupplier} (epoch milliseconds), with the properties
 * {@value #PULSE}{@code =}{@value #WATCHER} and {@value #POLL_MS} (how often it looks, a Long): the health
 * bundle then needs no package of the container's, and the container none of the health bundle's.
 */
final class WatcherPulse {

    static final String PULSE = "hotbundle.pulse";
    static final String WATCHER = "deploy.watcher";
    static final String POLL_MS = "poll.ms";

    private final ServiceRegistration<LongSupplier> registration;

    WatcherPulse(BundleContext context, WatcherProbe probe, long pollMillis) {
        LongSupplier lastLook = probe::lastLookMillis;
        this.registration = context.registerService(LongSupplier.class, lastLook, properties(pollMillis));
    }

    void pollMillis(long millis) {
        registration.setProperties(properties(millis));
    }

    void close() {
        registration.unregister();
    }

    private static Hashtable<String, Object> properties(long pollMillis) {
        var properties = new Hashtable<String, Object>();
        properties.put(PULSE, WATCHER);
        properties.put(POLL_MS, pollMillis);
        return properties;
    }
}
