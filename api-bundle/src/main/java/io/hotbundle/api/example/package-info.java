/**
 * The interface of the demo plugin: the JVM counterpart of hot-lib-reloader's minimal example.
 *
 * <p>The example host calls a {@link io.hotbundle.api.example.Greeter} once a second; the example plugins
 * implement it and are swapped while the host keeps running.
 */
@Export
@Version("1.0.0")
package io.hotbundle.api.example;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
