package io.hotbundle.container.internal.plugins;

import static java.lang.System.Logger.Level.WARNING;

import java.io.IOException;
import java.lang.System.Logger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
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
 * guards against is the process ending, not the machine. A mark found at start becomes a verdict,
 * {@code <work>/in-flight/.ended.<name>}, kept until another build of that name starts: the build is refused at
 * this start and at every later one, not only at the next (which would make the loop one of two starts).
 */
final class InFlight {

    private static final Logger LOG = System.getLogger("hotbundle");
    /** Verdicts are hidden names: a plugin's name never starts with a dot, so they are never taken for marks. */
    private static final String ENDED = ".ended.";

    private final Path folder;
    private final Map<String, String> ended = new HashMap<>();

    InFlight(Path folder) {
        this.folder = folder;
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                List<Path> all = files.sorted().toList();
                // Verdicts of earlier starts first, then the marks of this one, which are newer.
                all.stream().filter(f -> name(f).startsWith(ENDED)).forEach(this::readVerdict);
                all.stream().filter(f -> !name(f).startsWith(".")).forEach(this::turnIntoVerdict);
            } catch (IOException e) {
                LOG.log(WARNING, "crash-loop guard: cannot read {0}: {1}", folder, e.getMessage());
            }
        }
    }

    private void readVerdict(Path verdict) {
        try {
            ended.put(name(verdict).substring(ENDED.length()), Files.readString(verdict, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            LOG.log(WARNING, "crash-loop guard: cannot read {0}: {1}", verdict, e.getMessage());
        }
    }

    private void turnIntoVerdict(Path mark) {
        try {
            ended.put(name(mark), Files.readString(mark, StandardCharsets.UTF_8).strip());
            Files.move(mark, folder.resolve(ENDED + name(mark)), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.log(WARNING, "crash-loop guard: cannot read or keep {0}: {1}", mark, e.getMessage());
        }
    }

    private static String name(Path file) {
        return file.getFileName().toString();
    }

    /** Whether the process ended, at an earlier start, while this build of the plugin was starting. */
    boolean endedTheProcess(String name, String digest) {
        return digest.equals(ended.get(name));
    }

    /** Marks the build as starting; a verdict on another build of the name is over. */
    void starting(String name, String digest) {
        try {
            Path mark = PrivateFiles.folder(folder).resolve(name);
            Files.writeString(mark, digest, StandardCharsets.UTF_8);
            if (ended.containsKey(name) && !digest.equals(ended.get(name))) {
                ended.remove(name);
                Files.deleteIfExists(folder.resolve(ENDED + name));
            }
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
