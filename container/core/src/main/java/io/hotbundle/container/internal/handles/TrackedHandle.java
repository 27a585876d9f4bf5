package io.hotbundle.container.internal.handles;

import java.util.List;
import java.util.function.Function;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

import io.hotbundle.api.HotHandle;
import io.hotbundle.api.PluginUnavailableException;

/**
 * A handle on one service type of one plugin. The current implementation sits in a volatile field that the
 * tracker updates as the framework registers and unregisters it (synchronously, so by the time a swap opens
 * the gate the field holds the new version), and a call reads it once, inside the gate.
 */
final class TrackedHandle<T> implements HotHandle<T> {

    private final Class<T> type;
    private final String plugin;
    private final Gate gate;
    private final LongSupplier timeoutNanos;
    private final LongSupplier generations;
    private final LongPredicate leftBehind;
    private final ServiceTracker<T, T> tracker;
    private volatile T current;
    private ServiceReference<T> currentReference;

    /**
     * @param leftBehind whether a bundle is one the container left behind, stuck: its services are passed over
     */
    TrackedHandle(BundleContext context, Class<T> type, String plugin, Gate gate, LongSupplier timeoutNanos,
            LongSupplier generations, LongPredicate leftBehind) {
        this.type = type;
        this.plugin = plugin;
        this.gate = gate;
        this.timeoutNanos = timeoutNanos;
        this.generations = generations;
        this.leftBehind = leftBehind;
        this.tracker = new ServiceTracker<>(context, type, null) {
            @Override
            public T addingService(ServiceReference<T> reference) {
                Bundle provider = reference.getBundle();
                if (provider == null || !plugin.equals(provider.getSymbolicName())
                        || leftBehind.test(provider.getBundleId())) {
                    return null;
                }
                T service = super.addingService(reference);
                if (service != null) {
                    added(reference, service);
                }
                return service;
            }

            @Override
            public void modifiedService(ServiceReference<T> reference, T service) {
                choose(null);
            }

            @Override
            public void removedService(ServiceReference<T> reference, T service) {
                choose(reference);
                super.removedService(reference, service);
            }
        };
        tracker.open();
    }

    // The tracker records a reference only after addingService returns, so the newcomer is weighed here
    // directly; on removal and ranking changes the tracked references are weighed again, minus the one leaving.

    private synchronized void added(ServiceReference<T> reference, T service) {
        if (currentReference == null || reference.compareTo(currentReference) > 0) {
            currentReference = reference;
            current = service;
        }
    }

    private synchronized void choose(ServiceReference<T> leaving) {
        ServiceReference<T> best = null;
        ServiceReference<T>[] references = tracker.getServiceReferences();
        for (ServiceReference<T> reference : references == null ? List.<ServiceReference<T>>of() : List.of(references)) {
            if (!reference.equals(leaving) && (best == null || reference.compareTo(best) > 0)) {
                best = reference;
            }
        }
        currentReference = best;
        current = best == null ? null : tracker.getService(best);
    }

    /** What {@link #inside} returns when there is no implementation to call. */
    private static final Object NONE = new Object();

    @Override
    @SuppressWarnings("unchecked")
    public <R> R call(Function<? super T, ? extends R> call) {
        // The fast path is one gate entry, one volatile read and one gate exit: no clock, no allocation.
        Gate.Seat seat = gate.tryEnter();
        if (seat != null) {
            Object result = inside(seat, call);
            if (result != NONE) {
                return (R) result;
            }
        }
        return callSlowly(call);
    }

    /** Calls the current implementation from inside the gate, and leaves the gate; NONE when there is none. */
    private Object inside(Gate.Seat seat, Function<? super T, ?> call) {
        try {
            T service = current;
            return service == null ? NONE : call.apply(service);
        } finally {
            gate.exit(seat);
        }
    }

    /** The gate is closed, or there is no implementation yet: wait for either, bounded by the gate timeout. */
    @SuppressWarnings("unchecked")
    private <R> R callSlowly(Function<? super T, ? extends R> call) {
        long timeout = timeoutNanos.getAsLong();
        long deadline = System.nanoTime() + timeout;
        try {
            while (true) {
                Gate.Seat seat = gate.enter(Math.max(0, deadline - System.nanoTime()));
                if (seat == null) {
                    throw unavailable("the gate, closed for " + gate.closedFor(), timeout);
                }
                Object result = inside(seat, call);
                if (result != NONE) {
                    return (R) result;
                }
                // Not deployed, or stopped outside a swap: wait for it to come, as long as the timeout allows.
                if (tracker.waitForService(Math.max(1, (deadline - System.nanoTime()) / 1_000_000)) == null) {
                    throw unavailable("its service to be registered", timeout);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginUnavailableException("interrupted while waiting for " + type.getName() + " from " + plugin);
        }
    }

    private PluginUnavailableException unavailable(String waitedFor, long timeout) {
        return new PluginUnavailableException(type.getName() + " from " + plugin + " was not available within "
                + timeout / 1_000_000 + " ms; the call waited for " + waitedFor);
    }

    @Override
    public long generation() {
        return generations.getAsLong();
    }

    void close() {
        tracker.close();
    }

}
