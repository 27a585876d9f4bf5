package ${package}.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Greets someone. Implemented by the plugin's implementation bundle and registered as an OSGi service; called
 * by host code, through a hot handle that always reaches the version serving now.
 *
 * <p>Implementations must be thread-safe: hosts may call from several threads at once.
 */
@ConsumerType
public interface Greeter {

    /**
     * Returns a greeting.
     *
     * @param name who to greet, never {@code null}
     * @return the greeting, never {@code null}
     */
    String greet(String name);
}
