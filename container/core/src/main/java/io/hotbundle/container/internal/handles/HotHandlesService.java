package io.hotbundle.container.internal.handles;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.hotbundle.api.HotHandle;
import io.hotbundle.api.HotHandles;
import io.hotbundle.api.Reloads;
import io.hotbundle.container.internal.plugins.Abandoned;
import io.hotbundle.container.internal.settings.SettingBounds;
import io.hotbundle.container.internal.state.PluginStateService;

/**
 * {@link HotHandles} for one host bundle. Bundle-scoped: each host's handles track services with the host's own
 * bundle context, so they see exactly the services whose classes the host can use, and they go away with the
 * host. One handle per service type and plugin, whoever asks for it how often.
 */
@Component(scope = ServiceScope.BUNDLE, configurationPid = HotHandlesService.PID,
        property = PluginStateService.OUTRANKS_PLUGINS)
@Designate(ocd = HotHandlesService.Config.class)
public final class HotHandlesService implements HotHandles {

    /** The configuration PID: {@code etc/io.hotbundle.handles.cfg}. */
    public static final String PID = "io.hotbundle.handles";

    /** Tunables, under PID {@value #PID}. */
    @ObjectClassDefinition(name = "Hotbundle hot handles")
    public @interface Config {

        @AttributeDefinition(description = "How long a call waits for a plugin that is being swapped or is missing, in ms")
        long gate_timeout_ms() default 30_000;
    }

    private final BundleContext host;
    private final Gates gates;
    private final Reloads reloads;
    private final Abandoned abandoned;
    private volatile long timeoutNanos;
    private final Map<String, TrackedHandle<?>> handles = new ConcurrentHashMap<>();

    @Activate
    public HotHandlesService(ComponentContext context, @Reference Gates gates, @Reference Reloads reloads,
            @Reference Abandoned abandoned, Config config) {
        this.host = context.getUsingBundle().getBundleContext();
        this.gates = gates;
        this.reloads = reloads;
        this.abandoned = abandoned;
        this.timeoutNanos = SettingBounds.millis("gate.timeout.ms", config.gate_timeout_ms()) * 1_000_000;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> HotHandle<T> handle(Class<T> type, String symbolicName) {
        return (HotHandle<T>) handles.computeIfAbsent(type.getName() + "@" + symbolicName,
                key -> new TrackedHandle<>(host, type, symbolicName, gates.of(symbolicName), () -> timeoutNanos,
                        () -> reloads.generation(symbolicName), abandoned::contains));
    }

    @Override
    public <T> T proxy(Class<T> type, String symbolicName) {
        HotHandle<T> handle = handle(type, symbolicName);
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> isObjectMethod(method)
                        ? objectMethod(self, method, args, type, symbolicName)
                        : handle.call(target -> invoke(method, target, args)));
        return type.cast(proxy);
    }

    private static Object invoke(Method method, Object target, Object[] args) {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            // The plugin's own exception, as a direct call would have thrown it.
            throw sneaky(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isObjectMethod(Method method) {
        return method.getDeclaringClass() == Object.class;
    }

    private static Object objectMethod(Object self, Method method, Object[] args, Class<?> type, String plugin) {
        return switch (method.getName()) {
            case "equals" -> self == args[0];
            case "hashCode" -> System.identityHashCode(self);
            default -> "hot proxy for " + type.getName() + " from " + plugin;
        };
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable e) throws E {
        throw (E) e;
    }

    /** A new gate timeout applies to the next call; the handles, and whoever depends on this service, stay. */
    @Modified
    void modified(Config config) {
        this.timeoutNanos = SettingBounds.millis("gate.timeout.ms", config.gate_timeout_ms()) * 1_000_000;
    }

    @Deactivate
    void deactivate() {
        handles.values().forEach(TrackedHandle::close);
    }
}
