package io.hotbundle.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The container's view of the bundles it hosts: plugins, the APIs and libraries they use, each under its
 * {@linkplain PluginInfo#name() name}.
 *
 * <p>Implemented by the container and registered as an OSGi service while the container runs. A bundle is
 * identified by its {@code Bundle-SymbolicName}, not by its file: a new file that carries the symbolic name
 * of a bundle already hosted replaces it (except a library version that cannot serve the bundles using the
 * hosted one, which is installed beside it).
 *
 * <p>Thread-safe. Every method returns a snapshot; nothing returned changes afterwards.
 */
@ProviderType
public interface PluginRegistry {

    /**
     * Returns every bundle the container hosts, including those that wait or failed, sorted by name.
     *
     * @return an immutable snapshot, empty when the deploy folder holds no bundle
     */
    List<PluginInfo> plugins();

    /**
     * Returns one plugin.
     *
     * @param name the bundle's {@linkplain PluginInfo#name() name}: its symbolic name, as a rule
     * @return the bundle's snapshot, or empty when no hosted bundle has that name
     */
    Optional<PluginInfo> plugin(String name);

    /**
     * Waits until the container has processed every file that was in the deploy folder when it started.
     * "Processed" means serving, waiting or reported as failed: a bad file never keeps the container from
     * being ready.
     *
     * @param timeout how long to wait at most
     * @return {@code true} when ready, {@code false} when the timeout passed first
     * @throws InterruptedException when the waiting thread is interrupted
     */
    boolean awaitReady(Duration timeout) throws InterruptedException;
}
