package io.hotbundle.container.internal.state;

import static java.lang.System.Logger.Level.ERROR;

import java.io.IOException;
import java.lang.System.Logger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * <p>The file is written whole or not at all ({@link WholeFiles}). Memory is updated first: a disk that cannot
 * be written costs persistence across restarts, never the handoff between two versions.
 */
@Component(service = StateStore.class)
public final class StateStore {

    private static final Logger LOG = System.getLogger("hotbundle");

    private final Path folder;
    private final ConcurrentMap<String, Optional<SavedState>> states = new ConcurrentHashMap<>();
    private final WholeFiles files = new WholeFiles("state", "it is kept in memory only");

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
        files.write(symbolicName, fileOf(symbolicName),
                temporary -> Files.writeString(temporary, Json.write(file), StandardCharsets.UTF_8));
    }

    /** Why the plugin's last saved state is not on disk, if it is not. */
    public Optional<String> unwritten(String symbolicName) {
        return files.failure(symbolicName);
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

    private Path fileOf(String symbolicName) {
        return folder.resolve(symbolicName + ".json");
    }
}
