package io.hotbundle.example.host;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.hotbundle.api.example.Greeter;

/**
 * The example host: the stable program of hot-lib-reloader's minimal example. It calls whichever
 * {@link Greeter} is deployed once a second and prints the answer next to a counter of its own, which keeps
 * counting while the greeter underneath is swapped.
 */
@Component(immediate = true, configurationPid = "io.hotbundle.example.host")
@Designate(ocd = GreeterHost.Config.class)
public final class GreeterHost {

    @ObjectClassDefinition(name = "Example host")
    public @interface Config {

        @AttributeDefinition(description = "Who the host greets")
        String name() default "world";

        @AttributeDefinition(description = "Milliseconds between two calls")
        long interval_ms() default 1000;
    }

    // Dynamic and greedy: the host keeps running while greeters come and go, and takes the newest at once.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Greeter greeter;

    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "example-host"));
    private long calls;

    @Activate
    public GreeterHost(Config config) {
        // The first call waits one interval: DS injects the dynamic field after this constructor returns.
        ticker.scheduleAtFixedRate(() -> call(config.name()), config.interval_ms(), config.interval_ms(),
                TimeUnit.MILLISECONDS);
    }

    private void call(String name) {
        calls++;
        Greeter current = greeter;
        String answer = current == null ? "(no greeter deployed)" : current.greet(name);
        System.out.println("[host] call " + calls + ": " + answer);
    }

    @Deactivate
    void deactivate() {
        ticker.shutdownNow();
    }
}
