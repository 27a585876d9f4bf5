/**
 * The plugin's API. A change that breaks implementations or callers needs a new major version here; the
 * container then swaps this bundle together with the implementations built against it.
 */
@Export
@Version("1.0.0")
package ${package}.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
