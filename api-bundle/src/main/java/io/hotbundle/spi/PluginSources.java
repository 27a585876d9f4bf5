package io.hotbundle.spi;

import java.nio.file.Path;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

import io.hotbundle.api.PluginInfo;

/**
 * Where a source other than the deploy folder tells the container which builds it wants hosted. Implemented by
 * the container and registered as a service.
 *
 * <p>An offered file is to the container what a file in the deploy folder is: a build of the bundle its manifest
 * names. Offering a file for a bundle already hosted swaps that bundle to it (as a transaction, state handed over,
 * rolled back if it cannot serve); offering it again after it changed swaps again; withdrawing it removes the
 * bundle, unless another file (of the folder or of a source) carries the same symbolic name, which then serves.
 * Between two files carrying one symbolic name, the one offered (or dropped) last wins.
 *
 * <p>The file must stay where it is, unchanged, while it is offered: the container reads it when it gets to it,
 * and again when an operator reloads. It is checked like a dropped file and, in trust mode, must be signed by a
 * trusted key; when {@code sha256} is given, a file with another digest is refused on arrival ("digest
 * mismatch"), whatever else it is. Outcomes are told as for any swap: {@link io.hotbundle.api.ReloadListener}
 * events and the {@link io.hotbundle.api.PluginRegistry}, whose {@code origin()} names the source.
 *
 * <p>Thread-safe; returns at once: the container's deployer thread does the work in order with everything else.
 */
@ProviderType
public interface PluginSources {

    /**
     * Offers a build. An explicit offer is always tried: also a build that was rolled back before (which a file
     * of the deploy folder would only get again once it changes).
     *
     * @param source the source's name, shown as the origin of what it hosts (letters, digits, '.', '-', '_')
     * @param file   a jar, absolute
     * @param sha256 the build's expected SHA-256 in hex, or null to take the file as it is
     * @return completes once the container has handled the offer, with the hosted bundle as it is then: serving
     *         the offered build, rolled back (with the reason in {@link PluginInfo#problem()}), waiting for
     *         something no hosted bundle provides, or paused; completes exceptionally, with a one-line message, when
     *         the file is refused (not a sound bundle, not signed in trust mode, another digest, a refused downgrade)
     *         or withdrawn before it was handled. Completed on the container's deployer thread: do not block in a
     *         callback
     * @throws IllegalArgumentException for a source name or a file path that is not acceptable
     */
    CompletionStage<PluginInfo> offer(String source, Path file, String sha256);

    /**
     * Withdraws what the source offered under this file.
     *
     * @throws IllegalArgumentException as {@link #offer}
     */
    void withdraw(String source, Path file);
}
