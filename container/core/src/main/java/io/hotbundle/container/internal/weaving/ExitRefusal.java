package io.hotbundle.container.internal.weaving;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.hooks.weaving.WeavingHook;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * A plugin cannot end the container: its calls to {@code System.exit}, {@code Runtime.exit} and
 * {@code Runtime.halt} are woven to throw ({@link PluginWeaver}), so an activation that calls one fails like any
 * other, and its swap rolls back. What weaving cannot see is not refused: reflection ({@code Method.invoke},
 * {@code MethodHandles.Lookup.findStatic}), native code, and classes a plugin defines at run time in class loaders
 * of its own.
 *
 * <p>The weaving hook is registered as a plain object, not as this component's service: the framework asks for
 * weaving hooks while it defines any class, Declarative Services' own included, and a hook that Declarative
 * Services had to make first would be a class loading cycle. The plugin deployer references this component, so no
 * plugin is installed before the hook weaves; it proves the rewrite on a class of its own before it registers it.
 */
@Component(service = ExitRefusal.class, immediate = true)
public final class ExitRefusal {

    private final ServiceRegistration<WeavingHook> hook;

    @Activate
    public ExitRefusal(BundleContext context) {
        ExitCalls.selfCheck();
        this.hook = context.registerService(WeavingHook.class, new PluginWeaver(), null);
    }

    @Deactivate
    void deactivate() {
        hook.unregister();
    }
}
