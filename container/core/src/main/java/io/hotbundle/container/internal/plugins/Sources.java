package io.hotbundle.container.internal.plugins;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.hotbundle.api.PluginInfo;

/**
 * Where the files the reconciler looks at come from: the deploy folder, and the builds other sources offer
 * ({@link io.hotbundle.spi.PluginSources}). Decides whether a file is wanted now, what to call its origin, and
 * which digest it must have.
 */
final class Sources {

    private static final Pattern SOURCE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** A build a source offered: who, and the digest it must have (null: as it is). */
    private record Offer(String source, String sha256) {
    }

    private final Path folder;
    private final Map<Path, Offer> offered = new ConcurrentHashMap<>();
    /** Who waits to hear what became of an offer, by file. */
    private final Map<Path, List<CompletableFuture<PluginInfo>>> waiting = new ConcurrentHashMap<>();
    /** Offers made since the file was last looked at: tried even if the build was rolled back before. */
    private final Set<Path> explicit = ConcurrentHashMap.newKeySet();

    Sources(Path folder) {
        this.folder = folder;
    }

    /** Records an offer; returns the file, normalized, for the reconciler. */
    Path offer(String source, Path file, String sha256) {
        Path normalized = checked(source, file);
        if (sha256 != null && !sha256.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("not a SHA-256 in hex: " + sha256);
        }
        offered.put(normalized, new Offer(source, sha256 == null ? null : sha256.toLowerCase()));
        explicit.add(normalized);
        return normalized;
    }

    /** Who waits for the outcome of the offer just made. */
    CompletableFuture<PluginInfo> outcome(Path file) {
        var outcome = new CompletableFuture<PluginInfo>();
        waiting.computeIfAbsent(file, f -> new CopyOnWriteArrayList<>()).add(outcome);
        return outcome;
    }

    /** Whether the file was offered since it was last looked at (and forgets it: one look per offer). */
    boolean offeredAgain(Path file) {
        return explicit.remove(file);
    }

    /** Tells who waits on the file that it was refused. */
    void refused(Path file, String reason) {
        explicit.remove(file);
        List<CompletableFuture<PluginInfo>> outcomes = waiting.remove(file);
        if (outcomes != null) {
            outcomes.forEach(o -> o.completeExceptionally(new IllegalStateException(reason)));
        }
    }

    /** Tells who waits on the file what became of it: the hosted bundle it concerns, or that none does. */
    void handled(Path file, Optional<PluginInfo> bundle) {
        List<CompletableFuture<PluginInfo>> outcomes = waiting.remove(file);
        if (outcomes != null) {
            outcomes.forEach(o -> bundle.ifPresentOrElse(o::complete, () -> o.completeExceptionally(
                    new IllegalStateException(file.getFileName() + " was withdrawn before it was handled"))));
        }
    }

    Path withdraw(String source, Path file) {
        Path normalized = checked(source, file);
        offered.computeIfPresent(normalized, (f, o) -> o.source().equals(source) ? null : o);
        return normalized;
    }

    /** Whether the file is asked for now: it is in the deploy folder, or offered, and it is there. */
    boolean wanted(Path file) {
        boolean ours = offered.containsKey(file) || folder.equals(file.getParent());
        return ours && Files.exists(file, LinkOption.NOFOLLOW_LINKS);
    }

    /** Where the file comes from, for people: {@code deploy/x.jar}, or {@code fleet: x.jar}. */
    String origin(Path file) {
        if (file == null) {
            return "(no file)";
        }
        Offer offer = offered.get(file);
        return offer != null ? offer.source() + ": " + file.getFileName() : "deploy/" + file.getFileName();
    }

    /** The digest the file must have, when its source said so. */
    Optional<String> expectedDigest(Path file) {
        Offer offer = offered.get(file);
        return Optional.ofNullable(offer == null ? null : offer.sha256());
    }

    private static Path checked(String source, Path file) {
        if (source == null || !SOURCE_NAME.matcher(source).matches() || source.equals("deploy")) {
            throw new IllegalArgumentException("not a source name: " + source);
        }
        if (file == null || !file.isAbsolute()) {
            throw new IllegalArgumentException("not an absolute path: " + file);
        }
        return file.normalize();
    }
}
