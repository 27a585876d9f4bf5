package io.hotbundle.logging.internal;

import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;

import org.ops4j.pax.logging.PaxLoggingService;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Puts the JDK's logging ({@code java.util.logging}, and {@code System.getLogger}, which the container uses)
 * into Pax Logging, where every other line goes: the root logger's handlers (the launcher's console) give way to
 * a {@link BundleJulHandler} while this bundle runs, and come back when it stops. Pax Logging's own bridge is
 * off ({@code org.ops4j.pax.logging.skipJUL}): it cannot tell which bundle wrote a line.
 */
public final class JulRouting implements BundleActivator {

    private ServiceTracker<PaxLoggingService, PaxLoggingService> logging;
    private BundleJulHandler handler;
    private List<Handler> replaced;

    @Override
    public void start(BundleContext context) {
        logging = new ServiceTracker<>(context, PaxLoggingService.class, null);
        logging.open();
        Logger root = LogManager.getLogManager().getLogger("");
        replaced = List.of(root.getHandlers());
        handler = new BundleJulHandler(logging::getService, replaced);
        root.addHandler(handler);
        replaced.forEach(root::removeHandler);
    }

    @Override
    public void stop(BundleContext context) {
        Logger root = LogManager.getLogManager().getLogger("");
        replaced.forEach(root::addHandler);
        root.removeHandler(handler);
        logging.close();
    }
}
