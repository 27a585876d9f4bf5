package io.hotbundle.container.internal.handles;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;

/** The gate of every plugin, by symbolic name; shared by the swaps that close them and the handles that pass. */
@Component(service = Gates.class)
public final class Gates {

    private final Map<String, Gate> gates = new ConcurrentHashMap<>();

    public Gate of(String symbolicName) {
        return gates.computeIfAbsent(symbolicName, name -> new Gate());
    }
}
