package io.hotbundle.container.internal.plugins;

import static java.lang.System.Logger.Level.ERROR;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.lang.System.Logger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import io.hotbundle.container.internal.artifacts.Artifact;
import io.hotbundle.container.internal.artifacts.ArtifactStore;
import io.hotbundle.container.internal.state.WholeFiles;

/**
 * The last build of each hosted bundle that served, for crash recovery: what comes back after a restart when the
 * file in the deploy folder is a build that cannot serve (the one being swapped in when the container died), or
 * cannot be read. The build itself stays in the artifact store; {@code <work>/last-good/<name>} names it (digest
 * and the file it came from), written whole or not at all. Confined to the deployer's thread.
 */
final class LastGood {

    private static final Logger LOG = System.getLogger("hotbundle");

    /** A kept pointer: the build's digest, and the source file it came from. */
    record Kept(String digest, Path file) {
    }

    private final Path folder;
    private final ArtifactStore store;
    /** What is kept, by unit, read from the folder once and then kept up to date here. */
    private Map<String, Kept> kept;
    private final WholeFiles files = new WholeFiles("the last good version", "crash recovery has an older copy or none");

    LastGood(Path folder, ArtifactStore store) {
        this.folder = folder;
        this.store = store;
    }

    /**
     * Keeps the unit's build as its last good one. A failure costs crash recovery, not the swap.
     *
     * @return whether what {@link #unkept} says of the unit changed
     */
    boolean keep(String name, Artifact artifact, Path file) {
        var properties = new Properties();
        properties.setProperty("digest", artifact.digest());
        properties.setProperty("file", String.valueOf(file));
        all().put(name, new Kept(artifact.digest(), file));
        return files.write(name, folder.resolve(name), temporary -> {
            var text = new StringWriter();
            properties.store(text, null);
            Files.writeString(temporary, text.toString(), StandardCharsets.UTF_8);
        });
    }

    /** Why the unit's last good version is not kept, if it is not. */
    Optional<String> unkept(String name) {
        return files.failure(name);
    }

    /** What was kept for the unit, if anything. */
    Optional<Kept> of(String name) {
        return Optional.ofNullable(all().get(name));
    }

    private Map<String, Kept> all() {
        if (kept == null) {
            kept = new HashMap<>();
            if (Files.isDirectory(folder)) {
                try (Stream<Path> pointers = Files.list(folder)) {
                    pointers.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("."))
                            .forEach(n -> read(n).ifPresent(k -> kept.put(n, k)));
                } catch (IOException e) {
                    LOG.log(ERROR, "the last good versions in {0} cannot be listed: {1}", folder, e.toString());
                }
            }
        }
        return kept;
    }

    private Optional<Kept> read(String name) {
        Path pointer = folder.resolve(name);
        if (!Files.isRegularFile(pointer)) {
            return Optional.empty();
        }
        try {
            var properties = new Properties();
            properties.load(new StringReader(Files.readString(pointer, StandardCharsets.UTF_8)));
            String digest = properties.getProperty("digest", "");
            String file = properties.getProperty("file", "");
            return Optional.of(new Kept(digest, file.isEmpty() ? null : Path.of(file)));
        } catch (IOException | RuntimeException e) {
            LOG.log(ERROR, "the last good version of {0} in {1} is unusable: {2}", name, pointer, e.toString());
            return Optional.empty();
        }
    }

    /** The unit's last good build, if one was kept and is still sound in the store. */
    Optional<Artifact> artifact(String name, io.hotbundle.container.internal.artifacts.ArchiveLimits limits) {
        return of(name).flatMap(k -> store.byDigest(k.digest(), limits));
    }

    /** The digests the store must keep for crash recovery. */
    Set<String> digests() {
        var digests = new HashSet<String>();
        all().values().forEach(k -> digests.add(k.digest()));
        return digests;
    }

    /** The kept units whose build came from this file. */
    Set<String> fromFile(Path file) {
        var names = new HashSet<String>();
        all().forEach((name, k) -> {
            if (file.equals(k.file())) {
                names.add(name);
            }
        });
        return names;
    }
}
