package io.hotbundle.container.internal.plugins;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;

import io.hotbundle.container.internal.deploy.BundleArchive;

/**
 * The framework operations a plugin goes through, each bounded in time.
 *
 * <p>A swap is stop, update, refresh and start, in that order and as separate steps: {@code Bundle.update}
 * alone would restart an active bundle, and the refresh after it would restart it a second time. The refresh
 * is scoped to the plugin and skipped when the framework has no old revision pending removal, which is the
 * case for a plugin that exports nothing: then no other bundle is touched at all.
 */
final class BundleOperations {

    /** Bundle locations of plugins; the container never touches a bundle whose location does not start so. */
    static final String LOCATION_PREFIX = "hotbundle:";

    private final BundleContext context;
    private final SwapSettings settings;
    private final BoundedLifecycle bounded;

    BundleOperations(BundleContext context, SwapSettings settings, BoundedLifecycle bounded) {
        this.context = context;
        this.settings = settings;
        this.bounded = bounded;
    }

    Bundle install(BundleArchive archive) throws BundleException {
        return context.installBundle(LOCATION_PREFIX + archive.symbolicName(), archive.open());
    }

    void start(Bundle bundle) throws BundleException {
        if (!isFragment(bundle)) {
            bundle.start();
        }
    }

    void replace(Bundle bundle, BundleArchive archive) throws BundleException, TimeoutException {
        bundle.stop();
        update(bundle, archive);
    }

    /**
     * Updates a stopped bundle to the archive's bytes, refreshing it only if an old revision is still wired.
     * Bounded: a plugin stuck in its deactivation holds the framework's lock on its bundle.
     */
    void update(Bundle bundle, BundleArchive archive) throws BundleException, TimeoutException {
        bounded(() -> bundle.update(archive.open()), "update");
        refreshIfPending(bundle);
    }

    /** Uninstalls the bundle, bounded like {@link #update}. */
    void remove(Bundle bundle) throws BundleException, TimeoutException {
        bounded(bundle::uninstall, "uninstall");
        refreshIfPending(bundle);
    }

    @FunctionalInterface
    private interface FrameworkCall {
        void run() throws BundleException;
    }

    private void bounded(FrameworkCall call, String what) throws BundleException, TimeoutException {
        try {
            bounded.within(settings.refresh(), what, () -> {
                try {
                    call.run();
                } catch (BundleException e) {
                    throw new SwapFailure(SwapFailure.firstLine(e.getMessage()));
                }
            });
        } catch (SwapFailure e) {
            if (e.timedOut()) {
                throw new TimeoutException(e.getMessage());
            }
            throw new BundleException(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted during " + what);
        }
    }

    /** Whether a bundle with this symbolic name belongs to the container itself, not to the deploy folder. */
    boolean isContainerBundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName()) && !bundle.getLocation().startsWith(LOCATION_PREFIX)) {
                return true;
            }
        }
        return false;
    }

    private void refreshIfPending(Bundle bundle) throws TimeoutException {
        FrameworkWiring wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        if (!wiring.getRemovalPendingBundles().contains(bundle)) {
            return;
        }
        Duration refreshTimeout = settings.refresh();
        var done = new CountDownLatch(1);
        wiring.refreshBundles(Set.of(bundle), (FrameworkEvent event) -> done.countDown());
        try {
            if (!done.await(refreshTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TimeoutException("refresh of " + bundle.getSymbolicName() + " took over " + refreshTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted while refreshing " + bundle.getSymbolicName());
        }
    }

    private static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
    }
}
