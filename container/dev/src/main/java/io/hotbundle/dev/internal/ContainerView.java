package io.hotbundle.dev.internal;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * What the container says about a plugin, read from its {@code PluginRegistry} service. Dev mode runs outside the
 * framework and must not load the API itself (a second copy would not be the API bundle's classes), so it calls
 * the registry reflectively, through the API types the registry's own class loader sees.
 */
public final class ContainerView implements AutoCloseable {

    private static final String REGISTRY = "io.hotbundle.api.PluginRegistry";
    private static final long POLL_MILLIS = 2;

    /** One plugin as the registry shows it. */
    public record Served(String version, long generation, String status, Instant since, Optional<String> problem) {
    }

    /** How a drop ended: serving the new build, or not, and why. */
    public record Outcome(boolean live, Optional<Served> served, String why) {
    }

    private final ServiceTracker<Object, Object> tracker;
    private volatile Methods methods;

    public ContainerView(BundleContext context) {
        this.tracker = new ServiceTracker<>(context, REGISTRY, null);
        this.tracker.open();
    }

    /** The plugin as the registry shows it now; empty when it hosts no such plugin, or has no registry. */
    public Optional<Served> plugin(String symbolicName) {
        Object registry = tracker.getService();
        if (registry == null) {
            return Optional.empty();
        }
        try {
            Methods m = methods(registry);
            Object info = ((Optional<?>) m.plugin.invoke(registry, symbolicName)).orElse(null);
            if (info == null) {
                return Optional.empty();
            }
            return Optional.of(new Served((String) m.version.invoke(info), (Long) m.generation.invoke(info),
                    String.valueOf(m.status.invoke(info)), (Instant) m.since.invoke(info),
                    ((Optional<?>) m.problem.invoke(info)).map(String::valueOf)));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("the container's registry does not answer: " + e, e);
        }
    }

    /**
     * Waits until the container serves {@code version} of the plugin at a generation after {@code before}, or
     * reports that it rolled the build back or failed it.
     *
     * @param grace how long a refusal may still turn into serving: a member of a set dropped together may be
     *              taken before the rest of the set has arrived, refused for want of it, and swapped once it has
     */
    public Outcome awaitServing(String symbolicName, String version, Optional<Served> before, Instant dropped,
            Duration timeout, Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Outcome refusal = null;
        while (System.nanoTime() < deadline) {
            Optional<Served> now = plugin(symbolicName);
            if (now.isPresent()) {
                Served served = now.get();
                boolean newer = before.isEmpty() || served.generation() > before.get().generation();
                if (newer && served.version().equals(version)) {
                    return new Outcome(!served.status().equals("FAILED"), now, describe(served));
                }
                boolean refused = served.since() != null && !served.since().isBefore(dropped)
                        && (served.status().equals("ROLLED_BACK") || served.status().equals("FAILED"));
                if (refused && refusal == null) {
                    refusal = new Outcome(false, now, describe(served));
                    deadline = Math.min(deadline, System.nanoTime() + grace.toNanos());
                }
            }
            Thread.sleep(POLL_MILLIS);
        }
        return refusal != null ? refusal
                : new Outcome(false, plugin(symbolicName), "not serving after " + timeout.toSeconds() + " s");
    }

    private static String describe(Served served) {
        return served.status().toLowerCase().replace('_', ' ') + served.problem().map(p -> ": " + p).orElse("");
    }

    private Methods methods(Object registry) throws ReflectiveOperationException {
        Methods m = methods;
        if (m == null || m.registryClass != registry.getClass()) {
            Class<?> api = apiType(registry.getClass());
            Class<?> info = api.getClassLoader().loadClass("io.hotbundle.api.PluginInfo");
            m = new Methods(registry.getClass(), api.getMethod("plugin", String.class), info.getMethod("version"),
                    info.getMethod("generation"), info.getMethod("status"), info.getMethod("since"),
                    info.getMethod("problem"));
            methods = m;
        }
        return m;
    }

    /** The PluginRegistry interface among the types the service object implements. */
    private static Class<?> apiType(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> candidate : c.getInterfaces()) {
                if (candidate.getName().equals(REGISTRY)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException(type + " does not implement " + REGISTRY);
    }

    private record Methods(Class<?> registryClass, Method plugin, Method version, Method generation, Method status,
            Method since, Method problem) {
    }

    @Override
    public void close() {
        tracker.close();
    }
}
