package io.hotbundle.example.greeter;

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
 * Version 2 of the example plugin. Its state gained {@code lastName}: state saved by version 1 restores with
 * {@code greetings} carried over and {@code lastName} empty, and nothing else to write.
 */
@Component(configurationPid = "io.hotbundle.example.greeter")
@Designate(ocd = ExampleGreeter.Config.class)
public final class ExampleGreeter implements Greeter {

    @ObjectClassDefinition(name = "Example greeter")
    public @interface Config {

        @AttributeDefinition(description = "The word that starts every greeting")
        String greeting() default "Hello";
    }

    /** Version 1's state plus who was greeted last. */
    record GreeterState(long greetings, String lastName) {}

    private final PluginState state;
    private final String greeting;
    private long greetings;
    private String lastName;

    @Activate
    public ExampleGreeter(Config config, @Reference PluginState state) {
        this.state = state;
        this.greeting = config.greeting();
        GreeterState restored = state.restore(GreeterState.class).orElse(new GreeterState(0, null));
        this.greetings = restored.greetings();
        this.lastName = restored.lastName();
    }

    @Override
    public synchronized String greet(String name) {
        String previous = lastName == null ? "nobody yet" : lastName;
        lastName = name;
        return greeting + ", " + name + "! (greeting #" + ++greetings + ", v2, last greeted: " + previous + ")";
    }

    @Deactivate
    synchronized void deactivate() {
        state.save(new GreeterState(greetings, lastName));
    }
}
