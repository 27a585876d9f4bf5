package io.hotbundle.container.internal.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import io.hotbundle.container.internal.deploy.InvalidArchiveException;
import io.hotbundle.container.internal.files.BoundedOpen;
import io.hotbundle.container.internal.files.PrivateFiles;

/**
 * The container's private copies of the builds it may install, in {@code <work>/artifacts/<sha256>.jar}.
 *
 * <p>A file from a source (the deploy folder, later others) is never installed from where it lies: it is copied
 * here first, hashed while it is copied, and the copy is checked ({@link ArchiveCheck}). A file that changes
 * while it is copied fails the check or yields another digest; either way what is installed is what was checked.
 * Copies are named by digest, so the same build is stored once however often it comes, and a rollback finds the
 * previous build's bytes here rather than in memory. Only this class's owner (the deployer's thread) writes here.
 */
public final class ArtifactStore {

    private static final String SUFFIX = ".jar";
    /** Far longer than any open of a real file takes; see {@link BoundedOpen}. */
    private static final Duration OPEN_BOUND = Duration.ofSeconds(10);

    private final Path folder;
    private final Map<String, Artifact> known = new ConcurrentHashMap<>();

    public ArtifactStore(Path folder) {
        this.folder = folder;
    }

    /**
     * Copies a file into the store and checks the copy.
     *
     * @throws InvalidArchiveException with a one-line reason when the file cannot be read, is incomplete, corrupt,
     *                                 over the limits or not a bundle; nothing is kept then
     */
    public Artifact stage(Path source, ArchiveLimits limits) throws InvalidArchiveException {
        Path incoming = null;
        try {
            if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidArchiveException("not a regular file");
            }
            if (Files.size(source) > limits.maxInflatedBytes()) {
                throw new InvalidArchiveException("refused: the file is larger than "
                        + ArchiveLimits.describe(limits.maxInflatedBytes()) + " (archive.max.inflated.mb)");
            }
            incoming = PrivateFiles.createFile(PrivateFiles.folder(folder).resolve(".incoming-" + UUID.randomUUID()));
            String digest = copy(source, incoming, limits.maxInflatedBytes());
            Artifact existing = known.get(digest);
            if (existing != null && Files.exists(existing.file())) {
                return existing;
            }
            Manifest manifest = ArchiveCheck.check(incoming, limits);
            BundleHeaders headers = BundleHeaders.of(manifest.getMainAttributes());
            Path stored = folder.resolve(digest + SUFFIX);
            Files.move(incoming, stored, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            incoming = null;
            Artifact artifact = new Artifact(digest, stored, Files.size(stored), headers);
            known.put(digest, artifact);
            return artifact;
        } catch (NoSuchFileException e) {
            throw new InvalidArchiveException("gone before it could be read");
        } catch (IOException e) {
            throw new InvalidArchiveException("cannot be read: " + describe(e));
        } finally {
            deleteQuietly(incoming);
        }
    }

    /** A build stored earlier (in this run or a previous one), checked again, if it is still here and sound. */
    public Optional<Artifact> byDigest(String digest, ArchiveLimits limits) {
        Artifact artifact = known.get(digest);
        if (artifact != null) {
            return Optional.of(artifact);
        }
        if (!digest.matches("[0-9a-f]{64}")) {
            return Optional.empty();
        }
        Path stored = folder.resolve(digest + SUFFIX);
        try {
            if (!Files.isRegularFile(stored, LinkOption.NOFOLLOW_LINKS) || !digest.equals(sha256(stored))) {
                return Optional.empty();
            }
            Manifest manifest = ArchiveCheck.check(stored, limits);
            artifact = new Artifact(digest, stored, Files.size(stored), BundleHeaders.of(manifest.getMainAttributes()));
            known.put(digest, artifact);
            return Optional.of(artifact);
        } catch (IOException | InvalidArchiveException e) {
            return Optional.empty();
        }
    }

    /** Deletes every stored build but those given: what nobody can roll back to any more. */
    public void retainOnly(Set<String> digests) {
        known.keySet().retainAll(digests);
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(f -> {
                String name = f.getFileName().toString();
                return name.endsWith(SUFFIX) && !digests.contains(name.substring(0, name.length() - SUFFIX.length()));
            }).forEach(ArtifactStore::deleteQuietly);
        } catch (IOException e) {
            // A store that cannot be listed keeps its files; nothing depends on their going.
        }
    }

    private static String copy(Path source, Path target, long maxBytes) throws IOException, InvalidArchiveException {
        MessageDigest sha = sha256();
        FileChannel channel = BoundedOpen.open(source, OPEN_BOUND);
        try (InputStream in = new DigestInputStream(Channels.newInputStream(channel), sha);
             OutputStream out = Files.newOutputStream(target, StandardOpenOption.WRITE)) {
            if (channel.size() == 0) {
                // Empty, or a pipe renamed in after the look at its type: a read would wait for its writer.
                throw new InvalidArchiveException(Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)
                        ? "empty file" : "not a regular file");
            }
            byte[] buffer = new byte[64 * 1024];
            long copied = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                copied += n;
                if (copied > maxBytes) {
                    throw new InvalidArchiveException("refused: the file grew past "
                            + ArchiveLimits.describe(maxBytes) + " while it was read");
                }
                out.write(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied"; // its message is only the file's path
        }
        return e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                : e instanceof FileAlreadyExistsException ? "already exists" : String.valueOf(e.getMessage());
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // Left for the next retainOnly.
            }
        }
    }

    /** For tests and reports: where the store is. */
    public Path folder() {
        return folder;
    }
}
