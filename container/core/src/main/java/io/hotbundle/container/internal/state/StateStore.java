package io.hotbundle.container.internal.state;

import static java.lang.System.Logger.Level.ERROR;

import java.io.IOException;
import java.lang.System.Logger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import io.hotbundle.api.state.SavedState;
import io.hotbundle.container.internal.deploy.DeployFiles;

/**
 * The last state each plugin saved, in memory and in {@code <work>/state/<plugin>.json}.
 *
 * <p>Memory is updated at once, the file afterwards on a writer thread ({@link StateWriter}), whole or not at all
 * ({@link WholeFiles}): a swap hands the state over in memory without waiting for the disk, and waits for the file
 * ({@link #awaitWritten}) only once its gate is open again. A disk that cannot be written costs persistence across
 * restarts, never the handoff between two versions.
 */
@Component(service = StateStore.class)
public final class StateStore {

    private static final Logger LOG = System.getLogger("hotbundle");
    /**
     * How long stopping waits for the state files still queued (the plugins save theirs as the framework stops):
     * a few writes take milliseconds; a disk that does not answer must not use up the launcher's 30 s for stopping.
     */
    private static final Duration DRAIN = Duration.ofSeconds(5);

    private final Path folder;
    private final ConcurrentMap<String, Optional<SavedState>> states = new ConcurrentHashMap<>();
    private final WholeFiles files = new WholeFiles("state", "it is kept in memory only");
    private final StateWriter writer = new StateWriter(this::writeFile);

    @Activate
    public StateStore(BundleContext context) {
        this(DeployFiles.workFolder(context, "state"));
    }

    /** A store on a folder of its own (tests). */
    StateStore(Path folder) {
        this.folder = folder;
    }

    @Deactivate
    void close() throws InterruptedException {
        writer.close(DRAIN);
    }

    /** What the plugin saved last, from memory or, after a restart, from its file. */
    public Optional<SavedState> get(String symbolicName) {
        return states.computeIfAbsent(symbolicName, this::load);
    }

    /**
     * Replaces what the plugin saved. Memory at once; the file is written by the writer thread, see
     * {@link #awaitWritten}.
     */
    public void put(String symbolicName, SavedState state) {
        states.put(symbolicName, Optional.of(state));
        writer.submit(symbolicName, Optional.of(state));
    }

    /**
     * Waits until the plugin's file holds what it saved last (as of this call), or writing it failed (which
     * {@link #unwritten} then says).
     *
     * @return false when {@code timeout} passed first
     */
    public boolean awaitWritten(String symbolicName, Duration timeout) {
        return writer.awaitWritten(symbolicName, timeout);
    }

    /** A plugin that keeps state has started: the writer gets ready for its first write (see StateWriter). */
    public void prepareWrites() {
        writer.prepare();
    }

    /** Why the plugin's last saved state is not on disk, if it is not. */
    public Optional<String> unwritten(String symbolicName) {
        return files.failure(symbolicName);
    }

    /** Forgets what the plugin saved: in memory at once, its file through the writer thread. */
    public void clear(String symbolicName) {
        states.put(symbolicName, Optional.empty());
        writer.submit(symbolicName, Optional.empty());
    }

    /** Puts back what {@link #get} returned earlier: a rolled-back swap undoes the state its new version saved. */
    public void reset(String symbolicName, Optional<SavedState> earlier) {
        if (earlier.isPresent()) {
            put(symbolicName, earlier.get());
        } else {
            clear(symbolicName);
        }
    }

    private void writeFile(String symbolicName, Optional<SavedState> state) {
        if (state.isEmpty()) {
            files.delete(symbolicName, fileOf(symbolicName));
            return;
        }
        files.write(symbolicName, fileOf(symbolicName),
                temporary -> Files.write(temporary, StateFile.write(symbolicName, state.get())));
    }

    private Optional<SavedState> load(String symbolicName) {
        Path file = fileOf(symbolicName);
        try {
            return Optional.of(StateFile.read(Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.log(ERROR, "state of {0} in {1} cannot be read, the plugin starts without it: {2}", symbolicName, file,
                    firstLine(e.getMessage()));
            return Optional.empty();
        }
    }

    private static String firstLine(String message) {
        return message == null ? "(no message)" : message.lines().findFirst().orElse("");
    }

    private Path fileOf(String symbolicName) {
        return folder.resolve(symbolicName + ".json");
    }
}
