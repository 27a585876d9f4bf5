package ${package}.impl.internal;

import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import ${package}.api.Greeter;
import io.hotbundle.api.state.PluginState;

/**
 * The plugin's component. Edit {@link #greet(String)} while the container runs (with {@code hotbundle dev}, or
 * rebuild with {@code mvn package -Dhotbundle.deploy=...}) and the next call runs the new code; the count of
 * greetings goes on, handed from the old version to the new one through the container's {@link PluginState}.
 */
@Component(configurationPid = "${rootArtifactId}")
@Designate(ocd = GreeterComponent.Config.class)
public final class GreeterComponent implements Greeter {

    @ObjectClassDefinition(name = "Greeter")
    public @interface Config {

        @AttributeDefinition(description = "The word that starts every greeting")
        String greeting() default "Hello";
    }

    /**
     * What survives a swap. Fields may be added or removed between versions: a new field starts at its default.
     */
    record State(long greetings) {}

    private final PluginState state;
    private final String greeting;
    private final AtomicLong greetings;

    @Activate
    public GreeterComponent(Config config, @Reference PluginState state) {
        this.state = state;
        this.greeting = config.greeting();
        this.greetings = new AtomicLong(state.restore(State.class).map(State::greetings).orElse(0L));
    }

    @Override
    public String greet(String name) {
        return greeting + ", " + name + "! (greeting #" + greetings.incrementAndGet() + ")";
    }

    @Deactivate
    void deactivate() {
        state.save(new State(greetings.get()));
    }
}
