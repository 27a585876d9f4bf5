package io.hotbundle.container.internal.state;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

import io.hotbundle.api.state.PluginState;
import io.hotbundle.api.state.SavedState;
import io.hotbundle.api.state.StateException;
import io.hotbundle.api.state.StateMigration;
import io.hotbundle.api.state.StateSchema;

/**
 * {@link PluginState} for one plugin. Bundle-scoped: Declarative Services makes one instance per bundle that
 * uses the service, so the state a bundle sees is always its own, keyed by its symbolic name, and so the same
 * for every version of it.
 *
 * <p>An instance lives as long as its bundle uses the service, which ends when that version stops; its
 * {@link StateMapper}, which learns the version's record classes, goes with it.
 */
@Component(scope = ServiceScope.BUNDLE, property = PluginStateService.OUTRANKS_PLUGINS)
public final class PluginStateService implements PluginState {

    /**
     * The ranking of the services the container provides its plugins (state, hot handles, the registry): the
     * highest there is. A plugin may register a service of the same type, to be bound instead and read or lose
     * every plugin's state; at the same ranking the service registered first wins, and the container's are
     * registered before any plugin starts.
     */
    public static final String OUTRANKS_PLUGINS = Constants.SERVICE_RANKING + ":Integer=" + Integer.MAX_VALUE;

    private final StateStore store;
    private final Bundle plugin;
    private final String savedBy;
    private StateMapper mapper;

    @Activate
    public PluginStateService(ComponentContext context, @Reference StateStore store) {
        this.store = store;
        this.plugin = context.getUsingBundle();
        this.savedBy = plugin.getVersion().toString();
        if (plugin.getLocation().startsWith("hotbundle:")) {
            store.prepareWrites(); // a hosted plugin (the container itself asks for the service too, at start)
        }
    }

    /** Made on first use: a plugin that keeps no state costs no mapper. */
    private synchronized StateMapper mapper() {
        if (mapper == null) {
            mapper = new StateMapper();
        }
        return mapper;
    }

    @Override
    public void save(Object state) {
        if (state == null) {
            throw new StateException("state is null; use clear() to forget the saved state");
        }
        int schema = state instanceof Record ? schemaOf(state.getClass()) : 1;
        store.put(plugin.getSymbolicName(), new SavedState(schema, mapper().toNeutral(state), savedBy, Instant.now()));
    }

    @Override
    public <T extends Record> Optional<T> restore(Class<T> type) {
        return restore(type, null);
    }

    @Override
    public <T extends Record> Optional<T> restore(Class<T> type, StateMigration migration) {
        Optional<SavedState> saved = saved();
        if (saved.isEmpty()) {
            return Optional.empty();
        }
        int from = saved.get().schemaVersion();
        int to = schemaOf(type);
        if (from > to) {
            throw new StateException("state of " + plugin.getSymbolicName() + " was saved with schema " + from
                    + " by " + saved.get().savedBy() + ", newer than " + type.getSimpleName() + "'s schema " + to);
        }
        Map<String, Object> values = saved.get().values();
        if (from < to && migration != null) {
            try {
                values = migration.migrate(from, NeutralValues.thawed(values));
            } catch (RuntimeException e) {
                throw new StateException("migrating state of " + plugin.getSymbolicName() + " from schema " + from
                        + " to " + to + " failed: " + e, e);
            }
            if (values == null) {
                throw new StateException("migrating state of " + plugin.getSymbolicName() + " from schema " + from
                        + " to " + to + " returned null");
            }
        }
        return Optional.of(mapper().toRecord(values, type));
    }

    @Override
    public Optional<SavedState> saved() {
        return store.get(plugin.getSymbolicName());
    }

    @Override
    public void clear() {
        store.clear(plugin.getSymbolicName());
    }

    private static int schemaOf(Class<?> type) {
        StateSchema schema = type.getAnnotation(StateSchema.class);
        return schema == null ? 1 : schema.value();
    }
}
