package io.hotbundle.fleet.internal.node;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import io.hotbundle.fleet.internal.model.Release;

/**
 * The node's copies of the fleet's builds, in its work folder ({@code fleet/cache/<sha256>.jar}, owner-only),
 * each downloaded once and kept only when its bytes have the digest the fleet asked for and it carries the plugin
 * it is named after. What comes from the repository is not trusted: a wrong digest, a jar of another plugin or
 * one past the size limit is refused, and nothing of it stays.
 */
public final class ArtifactCache {

    /** Refused bytes, with why in one line. */
    public static final class RefusedException extends Exception {
        private static final long serialVersionUID = 1L;

        public RefusedException(String message) {
            super(message);
        }
    }

    /** The largest build taken from a repository. */
    private static final long MAX_BYTES = 512L << 20;

    private final Path folder;
    private final MavenRepository repository;

    public ArtifactCache(Path folder, MavenRepository repository) {
        this.folder = folder;
        this.repository = repository;
    }

    /** The build, from the cache or downloaded into it. */
    public Path fetch(Release release) throws RefusedException, IOException {
        Path cached = folder.resolve(release.sha256() + ".jar");
        if (Files.isRegularFile(cached) && release.sha256().equals(sha256(cached))) {
            return cached;
        }
        Path part = FleetFiles.temporary(cached);
        try {
            String digest = download(release.coordinates(), part);
            if (!digest.equals(release.sha256())) {
                throw new RefusedException("digest mismatch: the repository's " + release.coordinates()
                        + " has SHA-256 " + digest + ", the fleet asks for " + release.sha256());
            }
            checkPlugin(part, release.plugin(), release.coordinates());
            FleetFiles.replace(part, cached);
            return cached;
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /**
     * The digest of what the repository holds under {@code coordinates}: the one it publishes beside the jar, or,
     * without one, the digest of the jar, which is then kept in the cache.
     */
    public String resolve(String coordinates, String plugin) throws RefusedException, IOException {
        var published = repository.publishedSha256(coordinates);
        if (published.isPresent()) {
            return published.get();
        }
        Path part = FleetFiles.temporary(folder.resolve("resolve.jar"));
        try {
            String digest = download(coordinates, part);
            checkPlugin(part, plugin, coordinates);
            FleetFiles.replace(part, folder.resolve(digest + ".jar"));
            return digest;
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** Deletes every cached build but those named. */
    public void retainOnly(Set<String> digests) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".jar") && !digests.contains(name.substring(0, name.length() - 4))) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private String download(String coordinates, Path part) throws RefusedException, IOException {
        MessageDigest sha = sha256();
        try (InputStream in = repository.open(coordinates);
                OutputStream out = new DigestOutputStream(Files.newOutputStream(part), sha)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > MAX_BYTES) {
                    throw new RefusedException(coordinates + " is larger than " + (MAX_BYTES >> 20) + " MiB");
                }
                out.write(buffer, 0, n);
            }
        } catch (FileNotFoundException | NoSuchFileException e) {
            throw new RefusedException("the repository " + repository + " has no " + coordinates);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void checkPlugin(Path jar, String plugin, String coordinates) throws RefusedException {
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            var manifest = file.getManifest();
            String name = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
            String symbolicName = name == null ? null : name.split(";")[0].trim();
            if (!plugin.equals(symbolicName)) {
                throw new RefusedException(coordinates + " is not a build of " + plugin + " (its Bundle-SymbolicName: "
                        + symbolicName + ")");
            }
        } catch (IOException e) {
            throw new RefusedException(coordinates + " is not a jar: " + e.getMessage());
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
