package io.hotbundle.api.state;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A plugin's handed-off state. Provided by the container as a bundle-scoped service: each plugin bundle that
 * references it gets its own, keyed by the plugin's symbolic name, so every version of a plugin sees what the
 * previous one saved.
 *
 * <p>Call {@link #save} when the old version lets go (in {@code @Deactivate}), and {@link #restore} when the
 * new one starts (in {@code @Activate}). A restore that throws fails the new version's activation, and the
 * container rolls the swap back: the previous version comes back and restores the state it saved.
 *
 * <p>Thread-safe. When {@code save} returns, the state is in the container's memory: the next version, and
 * {@link #saved()}, get it. The container writes it to its work folder afterwards, so that a restart gets it
 * back; a swap counts as done only once the state it handed over is written or the write failed. A disk that
 * refuses the write (full, unwritable) costs only that: the state still crosses to the next version in memory,
 * the last file written stays whole, and the plugin's status says the state is kept in memory only until a write
 * succeeds. A crash before the write loses what was saved since the last file was written.
 */
@ProviderType
public interface PluginState {

    /**
     * Saves the state for the next version, and for the next start of the container; replaces what was saved
     * before. Returns once the state is in memory, without waiting for the disk (see the class comment).
     *
     * @param state a record whose components are class-neutral values (String, boolean, numbers, enums, and
     *              lists, maps and records of those), or a {@code Map<String, ?>} of such values; its schema
     *              version is the record class's {@link StateSchema}, or 1
     * @throws StateException when the state holds a value that cannot cross versions (a plugin class that is
     *                        not a record, say); nothing is saved then
     */
    void save(Object state);

    /**
     * Restores the saved state into {@code type}, a record of this version. Components missing from the saved
     * state get their defaults (null, zero, false, empty); saved values no component asks for are dropped.
     *
     * @return the state, or empty when nothing was saved
     * @throws StateException when the saved state cannot be converted to {@code type}, or was saved with a
     *                        newer schema than {@code type}'s
     */
    <T extends Record> Optional<T> restore(Class<T> type);

    /**
     * Restores the saved state into {@code type}, running {@code migration} first when it was saved with an
     * older schema version than {@code type}'s {@link StateSchema}.
     *
     * @throws StateException as {@link #restore(Class)}, or when the migration throws
     */
    <T extends Record> Optional<T> restore(Class<T> type, StateMigration migration);

    /** The saved state as stored, class-neutral, with its schema version; empty when nothing was saved. */
    Optional<SavedState> saved();

    /** Forgets the saved state, in memory and on disk. */
    void clear();
}
