package io.hotbundle.api;

import java.util.function.Consumer;
import java.util.function.Function;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Reaches a plugin's current implementation of a service, across swaps. Obtained from {@link HotHandles}.
 *
 * <pre>
 * HotHandle&lt;Greeter&gt; greeter = handles.handle(Greeter.class, "io.hotbundle.example.greeter");
 * String answer = greeter.call(g -&gt; g.greet("world"));
 * </pre>
 *
 * <p>Thread-safe. The implementation passed to a call is valid for that call only: do not keep it, since the
 * next swap retires it (and keeping it would keep the old version's class loader alive).
 */
@ProviderType
public interface HotHandle<T> {

    /**
     * Calls the current implementation and returns what it returns. During a swap, waits at the plugin's gate
     * and then calls the new version.
     *
     * @throws PluginUnavailableException when the plugin did not serve within the gate timeout
     */
    <R> R call(Function<? super T, ? extends R> call);

    /** As {@link #call}, for a call without a result. */
    default void run(Consumer<? super T> call) {
        call(t -> {
            call.accept(t);
            return null;
        });
    }

    /**
     * The plugin's generation now (0 when it is not deployed): the version that calls made now reach, since a
     * call never runs while a swap changes it.
     */
    long generation();
}
