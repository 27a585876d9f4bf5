package io.hotbundle.api.state;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/** Brings state saved with an older schema to the current one. Implemented by plugins. */
@ConsumerType
@FunctionalInterface
public interface StateMigration {

    /**
     * Migrates class-neutral state.
     *
     * @param fromVersion the schema version the state was saved with, lower than the current one
     * @param values      the saved values (a mutable copy: change it and return it, or return a new map)
     * @return the values in the current schema
     */
    Map<String, Object> migrate(int fromVersion, Map<String, Object> values);
}
