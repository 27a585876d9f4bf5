package io.hotbundle.container.internal.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;

import io.hotbundle.container.internal.artifacts.Artifact;

/**
 * Every framework operation on a hosted bundle, each bounded in time: the only way the deployer touches bundles.
 *
 * <p>An operation runs on a thread apart from the deployer's, because a plugin's code runs inside it (activation,
 * deactivation) and Felix waits without end for the lock of a bundle whose thread is stuck. When an operation
 * outlasts its time, the deployer gets a {@link SwapFailure} naming the stuck thread and goes on; the thread is
 * interrupted and left behind, with the bundle it holds (see {@link Abandoned}).
 */
final class BundleOps {

    /** Locations of hosted bundles; the container never touches a bundle whose location does not start so. */
    static final String LOCATION_PREFIX = "hotbundle:";

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final BundleContext context;
    private final FrameworkWiring wiring;
    private final java.util.function.LongPredicate abandoned;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        var t = new Thread(r, "hotbundle-bundle-op-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    BundleOps(BundleContext context, java.util.function.LongPredicate abandoned) {
        this.context = context;
        this.abandoned = abandoned;
        this.wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
    }

    FrameworkWiring wiring() {
        return wiring;
    }

    @FunctionalInterface
    interface Step<T> {
        T run() throws Exception;
    }

    /** Runs a step on a thread of its own and waits for it at most {@code timeout}. */
    <T> T within(Duration timeout, String what, Step<T> step) throws SwapFailure, InterruptedException {
        return within(timeout, what, step, () -> { });
    }

    /**
     * As {@link #within(Duration, String, Step)}, running {@code meanwhile} on the calling thread while the step
     * runs, where it would only wait; {@code meanwhile} must not throw.
     */
    private <T> T within(Duration timeout, String what, Step<T> step, Runnable meanwhile)
            throws SwapFailure, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        var runner = new AtomicReference<Thread>();
        var finished = new CountDownLatch(1);
        Future<T> running = threads.submit(() -> {
            runner.set(Thread.currentThread());
            try {
                return step.run();
            } finally {
                finished.countDown();
            }
        });
        meanwhile.run();
        try {
            return running.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            Thread stuck = runner.get();
            running.cancel(true);
            // Interrupted, a plugin that waits politely lets go: then it failed in time, and is not stuck.
            String reason = what + " did not finish within " + timeout.toMillis() + " ms";
            boolean letGo = finished.await(GRACE_MILLIS, TimeUnit.MILLISECONDS);
            throw letGo || stuck == null ? new SwapFailure(reason) : SwapFailure.stuck(reason, stuck);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SwapFailure failure) {
                throw failure;
            }
            String message = cause instanceof BundleException || cause instanceof IllegalStateException
                    ? cause.getMessage() : String.valueOf(cause);
            throw new SwapFailure(what + " failed: " + SwapFailure.firstLine(message));
        }
    }

    /** How long an interrupted step may take to give up before its thread counts as stuck. */
    private static final long GRACE_MILLIS = 200;

    Bundle install(String location, Artifact artifact, Duration timeout) throws SwapFailure, InterruptedException {
        return within(timeout, "install", () -> {
            try (InputStream in = artifact.open()) {
                return context.installBundle(location, in);
            }
        });
    }

    void update(Bundle bundle, Artifact artifact, Duration timeout) throws SwapFailure, InterruptedException {
        within(timeout, "update", () -> {
            try (InputStream in = artifact.open()) {
                bundle.update(in);
            } catch (IOException e) {
                throw new BundleException("cannot read the stored build: " + e.getMessage(), e);
            }
            return null;
        });
    }

    void uninstall(Bundle bundle, Duration timeout) throws SwapFailure, InterruptedException {
        within(timeout, "uninstall", () -> {
            if (bundle.getState() != Bundle.UNINSTALLED) {
                bundle.uninstall();
            }
            return null;
        });
    }

    /** Starts the bundle (a fragment is only resolved with its host); its activator runs inside. */
    void start(Bundle bundle, Duration timeout) throws SwapFailure, InterruptedException {
        if (isFragment(bundle)) {
            return;
        }
        within(timeout, "start", () -> {
            bundle.start();
            return null;
        });
    }

    /** Stops the bundle; its components deactivate, and hand their state off, before this returns. */
    void stop(Bundle bundle, Duration timeout) throws SwapFailure, InterruptedException {
        stop(bundle, timeout, () -> { });
    }

    /**
     * Stops the bundle, running {@code meanwhile} on the calling thread while it stops (it must not throw, nor
     * change the bundle's state: the bundle's content and class loader are still there).
     */
    void stop(Bundle bundle, Duration timeout, Runnable meanwhile) throws SwapFailure, InterruptedException {
        within(timeout, "deactivation", () -> {
            bundle.stop();
            return null;
        }, meanwhile);
    }

    /**
     * Refreshes the bundles and what depends on them, if any of them has an old revision still wired: a plugin
     * that exports nothing never needs it, and then nothing else is touched.
     */
    void refreshIfPending(Collection<Bundle> bundles, Duration timeout) throws SwapFailure, InterruptedException {
        refresh(bundles, false, timeout);
    }

    /**
     * Refreshes the bundles and what depends on them; unless {@code always}, only if one of them has an old
     * revision still wired (a bundle wired to one left behind has none, and must be refreshed all the same).
     */
    void refresh(Collection<Bundle> bundles, boolean always, Duration timeout) throws SwapFailure, InterruptedException {
        Collection<Bundle> pending = wiring.getRemovalPendingBundles();
        if (bundles.isEmpty() || !always && bundles.stream().noneMatch(pending::contains)) {
            return;
        }
        for (Bundle affected : wiring.getDependencyClosure(bundles)) {
            if (abandoned.test(affected.getBundleId())) {
                // Felix refreshes on one thread for everybody: one stuck bundle in it would stop every refresh.
                throw new SwapFailure("the refresh would restart " + affected.getSymbolicName() + " (bundle "
                        + affected.getBundleId() + "), which is stuck and left behind; a restart frees it");
            }
        }
        var done = new CountDownLatch(1);
        wiring.refreshBundles(List.copyOf(bundles), (FrameworkEvent event) -> done.countDown());
        if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw SwapFailure.stuck("the refresh did not finish within " + timeout.toMillis() + " ms", null);
        }
    }

    /** Resolves what can be resolved; returns whether all of them are. Runs no plugin code. */
    boolean resolve(Collection<Bundle> bundles) {
        return bundles.isEmpty() || wiring.resolveBundles(bundles);
    }

    /** Whether the bundle was left behind, stuck: nothing may touch it any more. */
    boolean isLeftBehind(Bundle bundle) {
        return abandoned.test(bundle.getBundleId());
    }

    static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
    }

    /** Whether a bundle with this symbolic name belongs to the container itself, not to what it hosts. */
    boolean isContainerBundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName()) && !bundle.getLocation().startsWith(LOCATION_PREFIX)) {
                return true;
            }
        }
        return false;
    }

    void close() {
        threads.shutdownNow();
    }
}
