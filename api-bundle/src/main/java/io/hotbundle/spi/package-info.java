/**
 * For those who extend the container rather than use it: sources of bundles to host besides the deploy folder.
 *
 * <p>What should serve is data: the deploy folder is one source of it, and another (a fleet agent that receives
 * releases from a coordinator, say) offers builds through {@link io.hotbundle.spi.PluginSources}. The container
 * treats an offered build exactly as a dropped file: it is checked (and must be signed in trust mode), installed
 * or swapped in as a transaction, rolled back when it cannot serve, and reported through the registry and the
 * reload events, where {@link io.hotbundle.api.PluginInfo#origin()} names the source.
 */
@Export
@Version("1.0.0")
package io.hotbundle.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
