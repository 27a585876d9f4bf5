package io.hotbundle.container.internal.state;

import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;

import java.io.IOException;
import java.lang.System.Logger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.hotbundle.api.state.SavedState;
import io.hotbundle.container.internal.deploy.DeployFiles;

/**
 * The last state each plugin saved, in memory and in {@code <work>/state/<plugin>.json}.
 *
 * <p>The file is written to a temporary name and renamed over the old one, so a crash or a full disk leaves
 * either the previous state or the new one, never half of one (a temporary file a failed write leaves is
 * removed). Memory is updated first: a disk that cannot be written costs persistence across restarts, never the
 * handoff between two versions. The failure is logged once per plugin and shown with the plugin until a write
 * succeeds again.
 */
@Component(service = StateStore.class)
public final class StateStore {

    private static final Logger LOG = System.getLogger("hotbundle");

    private final Path folder;
    private final ConcurrentMap<String, Optional<SavedState>> states = new ConcurrentHashMap<>();
    /** Why the last write of a plugin's state failed, until one succeeds. */
    private final ConcurrentMap<String, String> unwritten = new ConcurrentHashMap<>();

    @Activate
    public StateStore(BundleContext context) {
        this.folder = DeployFiles.workFolder(context, "state");
    }

    /** What the plugin saved last, from memory or, after a restart, from its file. */
    public Optional<SavedState> get(String symbolicName) {
        return states.computeIfAbsent(symbolicName, this::load);
    }

    /** Replaces what the plugin saved. */
    public void put(String symbolicName, SavedState state) {
        states.put(symbolicName, Optional.of(state));
        var file = new LinkedHashMap<String, Object>();
        file.put("plugin", symbolicName);
        file.put("schemaVersion", (long) state.schemaVersion());
        file.put("savedBy", state.savedBy());
        file.put("savedAt", state.savedAt().toString());
        file.put("values", state.values());
        Path temporary = folder.resolve("." + symbolicName + ".json.tmp");
        try {
            Files.createDirectories(folder);
            Files.writeString(temporary, Json.write(file), StandardCharsets.UTF_8);
            move(temporary, fileOf(symbolicName));
            if (unwritten.remove(symbolicName) != null) {
                LOG.log(INFO, "state of {0} is written to {1} again", symbolicName, folder);
            }
        } catch (IOException e) {
            deleteQuietly(temporary);
            String why = DiskErrors.describe(e, temporary);
            if (!why.equals(unwritten.put(symbolicName, why))) {
                LOG.log(ERROR, "state of {0} is kept in memory only, it could not be written: {1}", symbolicName, why);
            }
        }
    }

    /** Why the plugin's last saved state is not on disk, if it is not. */
    public Optional<String> unwritten(String symbolicName) {
        return Optional.ofNullable(unwritten.get(symbolicName));
    }

    /** Forgets what the plugin saved. */
    public void clear(String symbolicName) {
        states.put(symbolicName, Optional.empty());
        try {
            Files.deleteIfExists(fileOf(symbolicName));
        } catch (IOException e) {
            LOG.log(ERROR, "state file of {0} could not be deleted: {1}", symbolicName, e.toString());
        }
    }

    /** Puts back what {@link #get} returned earlier: a rolled-back swap undoes the state its new version saved. */
    public void reset(String symbolicName, Optional<SavedState> earlier) {
        if (earlier.isPresent()) {
            put(symbolicName, earlier.get());
        } else {
            clear(symbolicName);
        }
    }

    private Optional<SavedState> load(String symbolicName) {
        Path file = fileOf(symbolicName);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            @SuppressWarnings("unchecked")
            var saved = (Map<String, Object>) Json.read(Files.readString(file, StandardCharsets.UTF_8));
            @SuppressWarnings("unchecked")
            var values = (Map<String, Object>) saved.get("values");
            return Optional.of(new SavedState(((Long) saved.get("schemaVersion")).intValue(), values,
                    (String) saved.get("savedBy"), Instant.parse((String) saved.get("savedAt"))));
        } catch (IOException | RuntimeException e) {
            LOG.log(ERROR, "state of {0} in {1} cannot be read, the plugin starts without it: {2}", symbolicName, file,
                    e.toString());
            return Optional.empty();
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The folder refuses even a delete: nothing was written there either.
        }
    }

    private Path fileOf(String symbolicName) {
        return folder.resolve(symbolicName + ".json");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
