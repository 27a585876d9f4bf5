package io.hotbundle.example.host;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.hotbundle.api.HotHandle;
import io.hotbundle.api.HotHandles;
import io.hotbundle.api.PluginUnavailableException;
import io.hotbundle.api.example.Greeter;

/**
 * The example host: the stable program of hot-lib-reloader's minimal example. It calls the example greeter
 * once a second through a hot handle, which waits out a swap instead of failing, and prints the answer next to
 * a counter of its own, which keeps counting while the greeter underneath is swapped.
 */
@Component(immediate = true, configurationPid = "io.hotbundle.example.host")
@Designate(ocd = GreeterHost.Config.class)
public final class GreeterHost {

    @ObjectClassDefinition(name = "Example host")
    public @interface Config {

        @AttributeDefinition(description = "Who the host greets")
        String name() default "world";

        @AttributeDefinition(description = "The plugin that provides the greeter")
        String plugin() default "io.hotbundle.example.greeter";

        @AttributeDefinition(description = "Milliseconds between two calls")
        long interval_ms() default 1000;
    }

    private final HotHandle<Greeter> greeter;
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "example-host"));
    private long calls;

    @Activate
    public GreeterHost(Config config, @Reference HotHandles handles) {
        this.greeter = handles.handle(Greeter.class, config.plugin());
        ticker.scheduleAtFixedRate(() -> call(config.name()), 0, config.interval_ms(), TimeUnit.MILLISECONDS);
    }

    private void call(String name) {
        calls++;
        String answer;
        try {
            answer = greeter.call(g -> g.greet(name));
        } catch (PluginUnavailableException e) {
            answer = "(" + e.getMessage() + ")";
        }
        System.out.println("[host] call " + calls + ": " + answer);
    }

    @Deactivate
    void deactivate() {
        ticker.shutdownNow();
    }
}
