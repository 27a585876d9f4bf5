package io.hotbundle.example.greeter;

import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.hotbundle.api.example.Greeter;
import io.hotbundle.api.state.PluginState;

/**
 * The example plugin. Edit {@link #greet(String)}, rebuild this module, and the running host prints the new
 * greeting on its next call; the count of greetings goes on, handed from the old version to the new one
 * through the container's {@link PluginState}. Drop {@code io.hotbundle.example.greeter.cfg} with
 * {@code greeting=Bonjour} into the deploy folder to configure it live.
 */
@Component(configurationPid = "io.hotbundle.example.greeter")
@Designate(ocd = ExampleGreeter.Config.class)
public final class ExampleGreeter implements Greeter {

    @ObjectClassDefinition(name = "Example greeter")
    public @interface Config {

        @AttributeDefinition(description = "The word that starts every greeting")
        String greeting() default "Hello";
    }

    /** What survives a swap. Version 2 of this plugin (impl-bundles/greeter-v2) adds a field. */
    record GreeterState(long greetings) {}

    private final PluginState state;
    private final String greeting;
    private final AtomicLong greetings;

    @Activate
    public ExampleGreeter(Config config, @Reference PluginState state) {
        this.state = state;
        this.greeting = config.greeting();
        this.greetings = new AtomicLong(state.restore(GreeterState.class).map(GreeterState::greetings).orElse(0L));
    }

    @Override
    public String greet(String name) {
        return greeting + ", " + name + "! (greeting #" + greetings.incrementAndGet() + ")";
    }

    @Deactivate
    void deactivate() {
        state.save(new GreeterState(greetings.get()));
    }
}
