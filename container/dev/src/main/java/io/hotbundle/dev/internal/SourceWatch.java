package io.hotbundle.dev.internal;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Watches source and resource trees and single files (POMs, bnd files), and hands over what changed in batches: a
 * batch closes once no change came for the quiet time, so that an IDE saving several files makes one build (and
 * at the latest after the longest wait, so that a stream of changes cannot starve the build).
 */
final class SourceWatch implements AutoCloseable {

    /** The files that changed in one burst, and when the first change was seen (System.nanoTime). */
    record Batch(Set<Path> paths, long firstNanos, boolean overflow) {
    }

    private final WatchService service;
    private final Duration quiet;
    private final Duration longest;
    private final Map<WatchKey, Path> trees = new HashMap<>();
    private final Map<WatchKey, Path> folders = new HashMap<>();
    private final Set<Path> files = new HashSet<>();

    SourceWatch(Duration quiet, Duration longest) throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
        this.quiet = quiet;
        this.longest = longest;
    }

    /** Watches every file under {@code root}, folders created later included; nothing when it does not exist. */
    synchronized void watchTree(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path folder : (Iterable<Path>) walk.filter(Files::isDirectory)::iterator) {
                trees.put(register(folder), folder);
            }
        }
    }

    /** Watches one file, which may not exist yet. */
    synchronized void watchFile(Path file) throws IOException {
        if (files.add(file) && Files.isDirectory(file.getParent())) {
            folders.put(register(file.getParent()), file.getParent());
        }
    }

    private WatchKey register(Path folder) throws IOException {
        return folder.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
    }

    /** Delivers batches to {@code sink} on the calling thread until {@link #close()}. */
    void run(Consumer<Batch> sink) {
        var pending = new LinkedHashSet<Path>();
        long first = 0;
        long last = 0;
        boolean overflow = false;
        try {
            while (true) {
                long now = System.nanoTime();
                WatchKey key;
                if (pending.isEmpty() && !overflow) {
                    key = service.take();
                } else {
                    long wait = Math.min(quiet.toNanos() - (now - last), longest.toNanos() - (now - first));
                    key = wait > 0 ? service.poll(wait, TimeUnit.NANOSECONDS) : null;
                }
                if (key == null) {
                    sink.accept(new Batch(Set.copyOf(pending), first, overflow));
                    pending.clear();
                    overflow = false;
                    continue;
                }
                boolean open = !pending.isEmpty() || overflow;
                int before = pending.size();
                overflow |= collect(key, pending);
                if (pending.size() > before || overflow) {
                    last = System.nanoTime();
                    first = open ? first : last;
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized boolean collect(WatchKey key, Set<Path> pending) {
        boolean overflow = false;
        Path tree = trees.get(key);
        Path folder = folders.get(key);
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                overflow = true;
                continue;
            }
            Path name = (Path) event.context();
            if (tree != null && relevant(name)) {
                Path changed = tree.resolve(name);
                if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(changed)) {
                    overflow |= newFolder(changed, pending);
                } else {
                    pending.add(changed);
                }
            }
            if (folder != null && files.contains(folder.resolve(name))) {
                pending.add(folder.resolve(name));
            }
        }
        if (!key.reset()) {
            trees.remove(key);
            folders.remove(key);
        }
        return overflow;
    }

    /** A folder moved or created in a tree: watch it, and take every file already in it as changed. */
    private boolean newFolder(Path folder, Set<Path> pending) {
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.forEach(pending::add);
            watchTree(folder);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Editors' backups, swap files and hidden files are not sources. */
    private static boolean relevant(Path name) {
        String file = name.toString();
        return !file.startsWith(".") && !file.endsWith("~") && !file.endsWith(".swp") && !file.endsWith(".tmp");
    }

    @Override
    public void close() throws IOException {
        service.close();
    }
}
