package io.hotbundle.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The container's view of the plugins it hosts, one per bundle symbolic name.
 *
 * <p>Implemented by the container and registered as an OSGi service while the container runs. A plugin is
 * identified by its {@code Bundle-SymbolicName}, not by its file: a new file that carries the symbolic name
 * of a plugin already hosted replaces that plugin.
 *
 * <p>Thread-safe. Every method returns a snapshot; nothing returned changes afterwards.
 */
@ProviderType
public interface PluginRegistry {

    /**
     * Returns every plugin the container knows, including those that failed, sorted by symbolic name.
     *
     * @return an immutable snapshot, empty when the deploy folder holds no bundle
     */
    List<PluginInfo> plugins();

    /**
     * Returns one plugin.
     *
     * @param symbolicName the plugin's {@code Bundle-SymbolicName}
     * @return the plugin's snapshot, or empty when no plugin has that name
     */
    Optional<PluginInfo> plugin(String symbolicName);

    /**
     * Waits until the container has processed every file that was in the deploy folder when it started.
     * "Processed" means serving, or reported as failed: a bad file never keeps the container from being
     * ready.
     *
     * @param timeout how long to wait at most
     * @return {@code true} when ready, {@code false} when the timeout passed first
     * @throws InterruptedException when the waiting thread is interrupted
     */
    boolean awaitReady(Duration timeout) throws InterruptedException;
}
