package io.hotbundle.container.internal.plugins;

import static java.lang.System.Logger.Level.WARNING;

import java.io.IOException;
import java.lang.System.Logger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.hotbundle.container.internal.files.PrivateFiles;

/**
 * The crash-loop guard: a mark in the work folder for every build being started, taken away once it serves or
 * failed. A start that finds a mark knows the process ended while that build was starting (System.exit in a
 * native library, a JVM crash, the OOM killer...), treats that build as failed, and serves the last good version
 * instead: no build can make the container end again at every start.
 *
 * <p>A mark is a file {@code <work>/in-flight/<name>} holding the build's digest. Written without fsync: what it
 * guards against is the process ending, not the machine.
 */
final class InFlight {

    private static final Logger LOG = System.getLogger("hotbundle");

    private final Path folder;
    private final Map<String, String> foundAtStart = new HashMap<>();

    InFlight(Path folder) {
        this.folder = folder;
        if (Files.isDirectory(folder)) {
            try (Stream<Path> marks = Files.list(folder)) {
                marks.forEach(mark -> {
                    try {
                        foundAtStart.put(mark.getFileName().toString(),
                                Files.readString(mark, StandardCharsets.UTF_8).strip());
                        Files.delete(mark);
                    } catch (IOException e) {
                        LOG.log(WARNING, "crash-loop guard: cannot read or clear {0}: {1}", mark, e.getMessage());
                    }
                });
            } catch (IOException e) {
                LOG.log(WARNING, "crash-loop guard: cannot read {0}: {1}", folder, e.getMessage());
            }
        }
    }

    /** Whether the process ended, last time, while this build of the plugin was starting. */
    boolean endedTheProcess(String name, String digest) {
        return digest.equals(foundAtStart.get(name));
    }

    void starting(String name, String digest) {
        try {
            Path mark = PrivateFiles.folder(folder).resolve(name);
            Files.writeString(mark, digest, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // Costs the guard for this start, never the start itself.
            LOG.log(WARNING, "crash-loop guard: cannot mark {0} as starting: {1}", name, e.getMessage());
        }
    }

    void done(String name) {
        try {
            Files.deleteIfExists(folder.resolve(name));
        } catch (IOException e) {
            LOG.log(WARNING, "crash-loop guard: cannot clear the mark of {0}: {1}", name, e.getMessage());
        }
    }
}
