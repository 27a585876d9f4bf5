package io.hotbundle.example.greeter;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.hotbundle.api.example.Greeter;

/**
 * The example plugin. Edit {@link #greet(String)}, rebuild this module, and the running host prints the new
 * greeting on its next call. Drop {@code io.hotbundle.example.greeter.cfg} with {@code greeting=Bonjour} into
 * the deploy folder to configure it live.
 */
@Component(configurationPid = "io.hotbundle.example.greeter")
@Designate(ocd = ExampleGreeter.Config.class)
public final class ExampleGreeter implements Greeter {

    @ObjectClassDefinition(name = "Example greeter")
    public @interface Config {

        @AttributeDefinition(description = "The word that starts every greeting")
        String greeting() default "Hello";
    }

    private final String greeting;

    @Activate
    public ExampleGreeter(Config config) {
        this.greeting = config.greeting();
    }

    @Override
    public String greet(String name) {
        return greeting + ", " + name + "!";
    }
}
