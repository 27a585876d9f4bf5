/**
 * State handed from one version of a plugin to the next, through a service that lives in the container.
 *
 * <p>The old version's classes die with its class loader, so state crosses a swap in a class-neutral form:
 * strings, numbers, booleans, lists and maps. A plugin saves a record (or a map) as its old version is
 * deactivated and restores it into the new version's record when that activates; fields added since get
 * their defaults, fields removed are dropped, and a {@link io.hotbundle.api.state.StateSchema} version with a
 * {@link io.hotbundle.api.state.StateMigration} covers the rest. The container also keeps the last saved state
 * in its work folder, so a restart or a crash between the two halves of a swap loses nothing.
 *
 * <pre>
 * &#64;Component
 * public class Counter implements Greeter {
 *     &#64;StateSchema(2) record State(long count, String lastName) {}
 *
 *     private final PluginState state;
 *     private long count;
 *
 *     &#64;Activate
 *     public Counter(&#64;Reference PluginState state) {
 *         this.state = state;
 *         this.count = state.restore(State.class).map(State::count).orElse(0L);
 *     }
 *
 *     &#64;Deactivate
 *     void deactivate() {
 *         state.save(new State(count, null));
 *     }
 * }
 * </pre>
 */
@Export
@Version("1.0.0")
package io.hotbundle.api.state;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
