package io.hotbundle.container.internal.plugins;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * Proves that a started bundle serves: its components activate.
 *
 * <p>Declarative Services activates a component that provides a service only when the service is first used, so
 * an activation that throws would otherwise surface at the first caller, after the swap claimed success. The
 * check therefore obtains every service the bundle registers, which activates its component now, inside the
 * swap, where a failure can still be rolled back. (The container runs SCR with {@code ds.delayed.keepInstances},
 * so the instance created here is the one that serves.) Runs inside {@link BundleOps#within}: a plugin's
 * activation may never return.
 */
final class ActivationCheck {

    private final BundleContext context;
    private final ServiceComponentRuntime scr;

    ActivationCheck(BundleContext context, ServiceComponentRuntime scr) {
        this.context = context;
        this.scr = scr;
    }

    /**
     * Throws with the reason when the bundle does not serve: it is not active, a component failed, or (when
     * {@code allSatisfied}) a component waits for a service no bundle provides.
     */
    void check(Bundle bundle, boolean allSatisfied) throws SwapFailure {
        if (BundleOps.isFragment(bundle)) {
            return;
        }
        if (bundle.getState() != Bundle.ACTIVE) {
            throw new SwapFailure("it is not active after its start");
        }
        ServiceReference<?>[] services = bundle.getRegisteredServices();
        for (ServiceReference<?> reference : services == null ? new ServiceReference<?>[0] : services) {
            Object service = context.getService(reference);
            if (service == null) {
                checkComponents(bundle, false); // the component's failure says more than the missing service
                throw new SwapFailure("its service " + String.join(", ", (String[]) reference.getProperty("objectClass"))
                        + " cannot be obtained");
            }
            context.ungetService(reference);
        }
        checkComponents(bundle, allSatisfied);
    }

    private void checkComponents(Bundle bundle, boolean allSatisfied) throws SwapFailure {
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    throw new SwapFailure("component " + description.name + " failed to activate: "
                            + SwapFailure.rootCause(configuration.failure));
                }
                if (allSatisfied && configuration.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
                    throw new SwapFailure("component " + description.name + " waits for a service no bundle provides: "
                            + String.join(", ", missing(description, configuration, "")));
                }
            }
        }
    }

    /** What the bundle's components wait for now, one entry per missing service; empty when none waits. */
    List<String> waitingServices(Bundle bundle) {
        var waiting = new ArrayList<String>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                if (configuration.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
                    waiting.addAll(missing(description, configuration, "service "));
                }
            }
        }
        return waiting;
    }

    /** Whether a component of the bundle failed to activate. */
    boolean anyFailed(Bundle bundle) {
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> missing(ComponentDescriptionDTO description, ComponentConfigurationDTO configuration,
            String prefix) {
        var missing = new ArrayList<String>();
        for (UnsatisfiedReferenceDTO reference : configuration.unsatisfiedReferences) {
            missing.add(prefix + interfaceOf(description, reference.name) + " (reference '" + reference.name + "')");
        }
        return missing;
    }

    private static String interfaceOf(ComponentDescriptionDTO description, String reference) {
        for (ReferenceDTO declared : description.references) {
            if (declared.name.equals(reference)) {
                return declared.interfaceName;
            }
        }
        return "?";
    }
}
