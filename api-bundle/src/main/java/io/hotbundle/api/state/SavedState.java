package io.hotbundle.api.state;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * State as the container keeps it between versions.
 *
 * @param schemaVersion the {@link StateSchema} version it was saved with
 * @param values        the state, class-neutral: String, Boolean, Long, Double, List and Map values only
 * @param savedBy       the plugin version that saved it
 * @param savedAt       when it was saved
 */
public record SavedState(int schemaVersion, Map<String, Object> values, String savedBy, Instant savedAt) {

    /** Checks that no component is missing. */
    public SavedState {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(savedBy, "savedBy");
        Objects.requireNonNull(savedAt, "savedAt");
    }
}
