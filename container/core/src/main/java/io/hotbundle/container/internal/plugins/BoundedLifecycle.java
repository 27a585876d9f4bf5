package io.hotbundle.container.internal.plugins;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * Starts and stops a plugin's bundle within bounded times, and proves that a started one serves: it resolves
 * and its components activate.
 *
 * <p>Declarative Services activates a component that provides a service only when the service is first used,
 * so an activation that throws would otherwise surface at the first caller, after the swap claimed success. The
 * check therefore obtains every service the bundle registers, which activates its component now, inside the
 * swap, where a failure can still be rolled back. (The container runs SCR with {@code ds.delayed.keepInstances},
 * so the instance created here is the one that serves.)
 *
 * <p>Everything runs on a thread apart from the deployer's, so a plugin whose activation or deactivation never
 * returns costs a thread, not the container: the swap gives up after the timeout and rolls back, or reports.
 */
final class BoundedLifecycle {

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final BundleContext context;
    private final ServiceComponentRuntime scr;
    private final SwapSettings settings;
    private final ExecutorService starter = Executors.newCachedThreadPool(r -> {
        var t = new Thread(r, "hotbundle-activation-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    BoundedLifecycle(BundleContext context, ServiceComponentRuntime scr, SwapSettings settings) {
        this.context = context;
        this.scr = scr;
        this.settings = settings;
    }

    /**
     * Starts the bundle and checks it; throws with the reason when it cannot serve. A component waiting for a
     * service no bundle provides is tolerated: the service may come with a plugin deployed later.
     */
    void startAndCheck(Bundle bundle) throws SwapFailure, InterruptedException {
        within(settings.activation(), "activation", () -> start(bundle, false));
    }

    /**
     * As {@link #startAndCheck}, for a version that replaces one that served: a component of it that waits for
     * a service no bundle provides means it does not serve what its predecessor served.
     */
    void startAndCheckReplacement(Bundle bundle) throws SwapFailure, InterruptedException {
        within(settings.activation(), "activation", () -> start(bundle, true));
    }

    /** Stops the bundle; its components deactivate, and hand their state off, before this returns. */
    void stop(Bundle bundle) throws SwapFailure, InterruptedException {
        within(settings.deactivation(), "deactivation", () -> {
            try {
                bundle.stop();
            } catch (BundleException e) {
                throw new SwapFailure("could not stop: " + SwapFailure.firstLine(e.getMessage()));
            }
        });
    }

    @FunctionalInterface
    interface Step {
        void run() throws SwapFailure;
    }

    /** Runs a framework operation on a plugin on a thread of its own, giving up after the timeout. */
    void within(Duration timeout, String what, Step step) throws SwapFailure, InterruptedException {
        Future<?> running = starter.submit(() -> {
            step.run();
            return null;
        });
        try {
            running.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            throw SwapFailure.timeout(what + " did not finish within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof SwapFailure failure ? failure
                    : new SwapFailure(what + " failed: " + SwapFailure.firstLine(String.valueOf(cause)));
        }
    }

    private void start(Bundle bundle, boolean allSatisfied) throws SwapFailure {
        try {
            if (bundle.getHeaders("").get(org.osgi.framework.Constants.FRAGMENT_HOST) != null) {
                return;
            }
            bundle.start();
        } catch (BundleException e) {
            throw new SwapFailure(SwapFailure.firstLine(e.getMessage()));
        }
        ServiceReference<?>[] services = bundle.getRegisteredServices();
        for (ServiceReference<?> reference : services == null ? new ServiceReference<?>[0] : services) {
            Object service = context.getService(reference);
            if (service == null) {
                checkComponents(bundle, false); // the component's failure says more than the missing service
                throw new SwapFailure("its service " + reference.getProperty("objectClass") + " cannot be obtained");
            }
            context.ungetService(reference);
        }
        checkComponents(bundle, allSatisfied);
    }

    /** Throws for a component that failed to activate and, if {@code allSatisfied}, for one that waits. */
    private void checkComponents(Bundle bundle, boolean allSatisfied) throws SwapFailure {
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    throw new SwapFailure("component " + description.name + " failed to activate: "
                            + SwapFailure.rootCause(configuration.failure));
                }
                if (allSatisfied && configuration.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
                    var missing = new ArrayList<String>();
                    for (UnsatisfiedReferenceDTO reference : configuration.unsatisfiedReferences) {
                        missing.add(interfaceOf(description, reference.name) + " (reference '" + reference.name + "')");
                    }
                    throw new SwapFailure("component " + description.name + " waits for a service no bundle provides: "
                            + String.join(", ", missing));
                }
            }
        }
    }

    private static String interfaceOf(ComponentDescriptionDTO description, String reference) {
        for (ReferenceDTO declared : description.references) {
            if (declared.name.equals(reference)) {
                return declared.interfaceName;
            }
        }
        return "?";
    }

    void close() {
        starter.shutdownNow();
    }
}
