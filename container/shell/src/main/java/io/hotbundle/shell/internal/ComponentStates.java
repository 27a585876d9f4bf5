package io.hotbundle.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/** A plugin's DS components as the {@code hot:} commands show them: name, and state in words. */
final class ComponentStates {

    private ComponentStates() {
    }

    static List<String> of(ServiceComponentRuntime scr, Bundle bundle) {
        if (bundle == null) {
            return List.of();
        }
        var components = new ArrayList<String>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
            var states = scr.getComponentConfigurationDTOs(description).stream()
                    .map(c -> c.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE ? waitingFor(description, c)
                            : componentState(c.state))
                    .collect(Collectors.joining(", "));
            components.add(description.name + " (" + (states.isEmpty() ? "disabled or no configuration" : states) + ")");
        }
        return components;
    }

    /** "failed activation" or "waiting" when a component of the bundle is so, worst first; empty when none is. */
    static Optional<String> trouble(ServiceComponentRuntime scr, Bundle bundle) {
        if (bundle == null) {
            return Optional.empty();
        }
        boolean waiting = false;
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    return Optional.of("failed activation");
                }
                waiting |= configuration.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE;
            }
        }
        return waiting ? Optional.of("waiting") : Optional.empty();
    }

    /** What an unsatisfied component waits for: the interfaces of its unsatisfied references. */
    private static String waitingFor(ComponentDescriptionDTO description, ComponentConfigurationDTO configuration) {
        var interfaces = new ArrayList<String>();
        for (var unsatisfied : configuration.unsatisfiedReferences) {
            for (var reference : description.references) {
                if (reference.name.equals(unsatisfied.name)) {
                    interfaces.add(reference.interfaceName);
                }
            }
        }
        return "waiting for " + String.join(", ", interfaces);
    }

    private static String componentState(int state) {
        return switch (state) {
            case ComponentConfigurationDTO.ACTIVE -> "active";
            case ComponentConfigurationDTO.SATISFIED -> "satisfied";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "unsatisfied reference";
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "unsatisfied configuration";
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> "failed activation";
            default -> "state " + state;
        };
    }
}
