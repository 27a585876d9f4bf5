/**
 * The container's contract with host code: which plugins are deployed and how they are doing.
 *
 * <p>Everything here is implemented by the container ({@code @ProviderType}); host code and operators consume
 * it. Plugins themselves need nothing from this package to be hot-swapped: any bundle with Declarative
 * Services components in the deploy folder is a plugin.
 */
@Export
@Version("2.0.0")
package io.hotbundle.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
