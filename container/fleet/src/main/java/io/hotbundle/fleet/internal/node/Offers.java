package io.hotbundle.fleet.internal.node;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import java.io.IOException;
import java.lang.System.Logger;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.hotbundle.api.PluginInfo;
import io.hotbundle.api.PluginRegistry;
import io.hotbundle.api.ReloadEvent;
import io.hotbundle.fleet.internal.model.Outcome;
import io.hotbundle.fleet.internal.model.Release;
import io.hotbundle.spi.PluginSources;

/**
 * Brings this node's plugins to the releases the fleet asks for, through the container's {@link PluginSources}:
 * each plugin has one file of the fleet's ({@code fleet/plugins/<plugin>.jar}), rewritten with the build asked for
 * and offered again with its digest, so the container admits it as a dropped file and swaps to it as a
 * transaction. Tells outcomes apart from the container's events and registry; keeps the last good set. Confined to
 * the fleet's thread.
 */
public final class Offers {

    static final String SOURCE = "fleet";
    private static final Logger LOG = System.getLogger("hotbundle");
    /** A swap not over after this long was not taken; the container says why when it refuses, so this is a backstop. */
    private static final long TAKE_TIMEOUT_MS = 120_000;

    private final PluginSources sources;
    private final PluginRegistry registry;
    private final ArtifactCache cache;
    private final LastGoodSet lastGood;
    private final Path files;
    private final Map<String, Attempt> attempts = new TreeMap<>();
    /** Offers the container refused, by plugin: the digest offered and why. Filled on the container's thread. */
    private final Map<String, Map.Entry<String, String>> refusals = new java.util.concurrent.ConcurrentHashMap<>();

    Offers(PluginSources sources, PluginRegistry registry, ArtifactCache cache, LastGoodSet lastGood, Path files) {
        this.sources = sources;
        this.registry = registry;
        this.cache = cache;
        this.lastGood = lastGood;
        this.files = files;
    }

    /** Offers of a node whose fleet folder is {@code work}: its last good set loaded (one line if it does not read). */
    public static Offers create(Path work, PluginSources sources, PluginRegistry registry, ArtifactCache cache) {
        var lastGood = new LastGoodSet(work.resolve("serving.json"));
        try {
            lastGood.load();
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(WARNING, "fleet: the last good set cannot be read, starting without it: {0}", e.getMessage());
        }
        return new Offers(sources, registry, cache, lastGood, work.resolve("plugins"));
    }

    Map<String, Attempt> attempts() {
        return Map.copyOf(attempts);
    }

    LastGoodSet lastGood() {
        return lastGood;
    }

    /** Whether the plugin's current target is {@code release} (or, for null, that it is withdrawn or unknown). */
    boolean asked(String plugin, Release release) {
        Attempt attempt = attempts.get(plugin);
        if (release == null) {
            return attempt == null || attempt.target() == null;
        }
        return attempt != null && attempt.target() != null && attempt.target().sha256().equals(release.sha256());
    }

    /** Downloads (when not cached) and offers the release; or withdraws the plugin for null. */
    void serve(String plugin, Release release) {
        if (release == null) {
            sources.withdraw(SOURCE, file(plugin));
            attempts.put(plugin, new Attempt(null, Outcome.REMOVED, null, System.currentTimeMillis()));
            forget(plugin);
            LOG.log(INFO, "fleet: withdrew {0}: the fleet no longer hosts it", plugin);
            return;
        }
        attempts.put(plugin, Attempt.of(release, Outcome.DOWNLOADING));
        try {
            Path build = cache.fetch(release);
            place(plugin, build, release.sha256());
            attempts.put(plugin, Attempt.of(release, Outcome.SWAPPING));
            check(plugin);
        } catch (ArtifactCache.RefusedException e) {
            LOG.log(WARNING, "fleet: refused {0} {1}: {2}", plugin, release.version(), e.getMessage());
            attempts.put(plugin, attempts.get(plugin).now(Outcome.REFUSED, e.getMessage()));
        } catch (IOException | RuntimeException e) {
            LOG.log(WARNING, "fleet: could not fetch {0} {1}: {2}", plugin, release.version(), e.toString());
            attempts.put(plugin, attempts.get(plugin).now(Outcome.REFUSED, "could not fetch it: " + e));
        }
    }

    /** Looks whether a swap under way has ended well; true when an outcome changed. */
    boolean check(String plugin) {
        Attempt attempt = attempts.get(plugin);
        if (attempt == null || attempt.outcome() != Outcome.SWAPPING) {
            return false;
        }
        Map.Entry<String, String> refusal = refusals.remove(plugin);
        if (refusal != null && refusal.getKey().equals(attempt.target().sha256())) {
            LOG.log(WARNING, "fleet: this node refused {0} {1}: {2}", plugin, attempt.target().version(),
                    refusal.getValue());
            attempts.put(plugin, attempt.now(Outcome.REFUSED, refusal.getValue()));
            putBackLastGood(plugin);
            return true;
        }
        Optional<PluginInfo> serving = registry.plugin(plugin);
        if (serving.isPresent() && attempt.target().sha256().equals(serving.get().digest())) {
            attempts.put(plugin, attempt.now(Outcome.SERVING, null));
            try {
                lastGood.put(attempt.target());
            } catch (IOException e) {
                LOG.log(WARNING, "fleet: could not record {0} in the last good set: {1}", plugin, e.getMessage());
            }
            return true;
        }
        if (System.currentTimeMillis() - attempt.time() > TAKE_TIMEOUT_MS) {
            attempts.put(plugin, attempt.now(Outcome.REFUSED, "the container did not take it within "
                    + TAKE_TIMEOUT_MS / 1000 + " s; this node's log says why"));
            putBackLastGood(plugin);
            return true;
        }
        return false;
    }

    /** A swap of a plugin of the fleet's that failed: the container put the previous version back. */
    boolean failed(ReloadEvent event) {
        Attempt attempt = attempts.get(event.symbolicName());
        if (attempt == null || attempt.outcome() != Outcome.SWAPPING
                || !attempt.target().version().equals(event.toVersion())) {
            return false;
        }
        Outcome outcome = event.outcome() == ReloadEvent.Outcome.FAILED ? Outcome.FAILED : Outcome.ROLLED_BACK;
        String cause = event.failure().orElse("no cause given");
        attempts.put(event.symbolicName(), attempt.now(outcome, cause));
        LOG.log(WARNING, "fleet: {0} {1} {2} on this node: {3}", event.symbolicName(),
                outcome == Outcome.FAILED ? "failed" : "rolled back", event.toVersion(), cause);
        putBackLastGood(event.symbolicName());
        return true;
    }

    /**
     * After a failure, the fleet's file holds the last good build again, so that a restart offers what serves and
     * not the build that failed. The container serves that build already: offering it swaps nothing.
     */
    private void putBackLastGood(String plugin) {
        Release good = lastGood.get(plugin);
        if (good == null) {
            return;
        }
        try {
            place(plugin, cache.fetch(good), good.sha256());
        } catch (IOException | ArtifactCache.RefusedException | RuntimeException e) {
            LOG.log(WARNING, "fleet: could not put the last good {0} {1} back in place: {2}", plugin, good.version(),
                    e.getMessage());
        }
    }

    /** At start: offers what served last time, from the work folder. */
    void offerLastGood() {
        for (Release release : lastGood.plugins().values()) {
            serve(release.plugin(), release);
        }
    }

    /** The digests to keep in the cache: what serves and what is asked for. */
    Set<String> digestsInUse() {
        var keep = new HashSet<String>();
        lastGood.plugins().values().forEach(r -> keep.add(r.sha256()));
        attempts.values().stream().filter(a -> a.target() != null).forEach(a -> keep.add(a.target().sha256()));
        return keep;
    }

    private void place(String plugin, Path build, String sha256) throws IOException {
        Path file = file(plugin);
        FleetFiles.folder(files);
        if (!java.nio.file.Files.isRegularFile(file) || !sha256.equals(ArtifactCache.sha256(file))) {
            FleetFiles.copy(build, file);
        }
        refusals.remove(plugin);
        sources.offer(SOURCE, file, sha256).whenComplete((bundle, refused) -> {
            if (refused != null) {
                String reason = refused instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                        ? c.getCause().getMessage() : refused.getMessage();
                refusals.put(plugin, Map.entry(sha256, reason)); // the fleet's thread reads it at its next check
            }
        });
    }

    private void forget(String plugin) {
        try {
            lastGood.remove(plugin);
            java.nio.file.Files.deleteIfExists(file(plugin));
        } catch (IOException e) {
            LOG.log(WARNING, "fleet: could not forget {0}: {1}", plugin, e.getMessage());
        }
    }

    private Path file(String plugin) {
        return files.resolve(plugin + ".jar");
    }
}
