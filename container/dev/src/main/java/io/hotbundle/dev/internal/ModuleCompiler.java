package io.hotbundle.dev.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

import com.sun.source.util.JavacTask;

/**
 * Compiles one module's sources in process with the JDK compiler, incrementally: only the sources that changed,
 * against the module's earlier classes, unless a change altered what other classes see of a type (then every
 * source). The compile writes to a staging folder and its classes replace the old ones only when it succeeds, so
 * the module's classes folder always holds the last good compile.
 */
final class ModuleCompiler implements AutoCloseable {

    /** What a compile did. */
    record Result(boolean ok, List<CompileErrors.Error> errors, boolean apiChanged, int compiled) {
    }

    private final JavaCompiler javac;
    private final PluginModule module;
    private final StandardJavaFileManager files;
    private List<Path> classpath = List.of();
    private List<String> options = List.of();
    private final Map<Path, Set<Path>> outputsBySource = new HashMap<>();
    private final Map<Path, Set<String>> typesBySource = new HashMap<>();
    private final Map<String, String> fingerprints = new HashMap<>();
    private boolean built;

    ModuleCompiler(JavaCompiler javac, PluginModule module) {
        this.javac = javac;
        this.module = module;
        this.files = javac.getStandardFileManager(null, null, null);
    }

    /** The class path to compile against: the module's dependencies, siblings as their dev-mode classes. */
    void classpath(List<Path> entries) {
        this.classpath = List.copyOf(entries);
        this.options = CompilerOptions.of(module, classpath);
        this.built = false;
    }

    /** Whether the next compile must be a full one. */
    boolean needsFull() {
        return !built || !Files.isDirectory(module.classes());
    }

    /**
     * Compiles what changed; every source when {@code full} or when there is no earlier compile to build on.
     *
     * @param changed sources written since the last successful compile (deleted ones included)
     */
    Result compile(Set<Path> changed, boolean full) throws IOException {
        if (full || needsFull()) {
            return compileAll();
        }
        var sources = changed.stream().filter(Files::isRegularFile).toList();
        var deleted = changed.stream().filter(s -> !Files.exists(s)).toList();
        if (sources.isEmpty() && deleted.isEmpty()) {
            return new Result(true, List.of(), false, 0);
        }
        if (deleted.stream().anyMatch(typesBySource::containsKey)) {
            return compileAll(); // a type is gone: whoever used it must fail now, not at run time
        }
        Attempt attempt = attempt(sources, true);
        if (!attempt.errors.isEmpty()) {
            return new Result(false, attempt.errors, false, sources.size());
        }
        boolean apiChanged = attempt.fingerprints.byType.entrySet().stream()
                .anyMatch(e -> !e.getValue().equals(fingerprints.get(e.getKey())));
        if (apiChanged) {
            return compileAll();
        }
        for (Path source : sources) {
            for (Path old : outputsBySource.getOrDefault(source, Set.of())) {
                Files.deleteIfExists(old);
            }
        }
        var moved = moveStaged(attempt.outputs);
        sources.forEach(outputsBySource::remove);
        outputsBySource.putAll(moved);
        typesBySource.putAll(attempt.fingerprints.typesBySource);
        fingerprints.putAll(attempt.fingerprints.byType);
        return new Result(true, List.of(), false, sources.size());
    }

    private Result compileAll() throws IOException {
        List<Path> sources;
        try (Stream<Path> walk = Files.isDirectory(module.sources()) ? Files.walk(module.sources()) : Stream.empty()) {
            sources = walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).toList();
        }
        Attempt attempt = attempt(sources, false);
        if (!attempt.errors.isEmpty()) {
            return new Result(false, attempt.errors, false, sources.size());
        }
        boolean apiChanged = !attempt.fingerprints.byType.equals(fingerprints);
        Folders.delete(module.classes());
        Files.createDirectories(module.classes().getParent());
        Files.move(staging(), module.classes());
        outputsBySource.clear();
        attempt.outputs.forEach((source, outputs) -> outputsBySource.put(source,
                relocate(outputs, staging(), module.classes())));
        typesBySource.clear();
        typesBySource.putAll(attempt.fingerprints.typesBySource);
        fingerprints.clear();
        fingerprints.putAll(attempt.fingerprints.byType);
        built = true;
        return new Result(true, List.of(), apiChanged, sources.size());
    }

    private record Attempt(List<CompileErrors.Error> errors, Map<Path, Set<Path>> outputs,
            ApiFingerprints fingerprints) {
    }

    private Attempt attempt(List<Path> sources, boolean againstEarlierClasses) throws IOException {
        Path staging = staging();
        Folders.delete(staging);
        Files.createDirectories(staging);
        var path = new ArrayList<>(classpath);
        if (againstEarlierClasses) {
            path.add(0, module.classes());
        }
        files.setLocationFromPaths(StandardLocation.CLASS_PATH, path);
        files.setLocationFromPaths(StandardLocation.SOURCE_PATH, List.of());
        files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(staging));
        var diagnostics = new DiagnosticCollector<JavaFileObject>();
        var tracking = new TrackingFileManager(files);
        var fingerprints = new ApiFingerprints();
        JavacTask task = (JavacTask) javac.getTask(null, tracking, diagnostics, options, null,
                files.getJavaFileObjectsFromPaths(sources));
        task.addTaskListener(fingerprints);
        boolean ok = sources.isEmpty() || task.call();
        var errors = CompileErrors.of(module, diagnostics.getDiagnostics());
        if (!ok && errors.isEmpty()) {
            errors = List.of(new CompileErrors.Error(module.sources(), 0, "the compiler failed without a message"));
        }
        return new Attempt(errors, tracking.outputsBySource, fingerprints);
    }

    private Map<Path, Set<Path>> moveStaged(Map<Path, Set<Path>> staged) throws IOException {
        var moved = new HashMap<Path, Set<Path>>();
        for (var entry : staged.entrySet()) {
            Set<Path> targets = relocate(entry.getValue(), staging(), module.classes());
            for (Path output : entry.getValue()) {
                Path target = module.classes().resolve(staging().relativize(output));
                Files.createDirectories(target.getParent());
                Files.move(output, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            moved.put(entry.getKey(), targets);
        }
        return moved;
    }

    private static Set<Path> relocate(Set<Path> outputs, Path from, Path to) {
        var relocated = new HashSet<Path>();
        outputs.forEach(o -> relocated.add(to.resolve(from.relativize(o))));
        return relocated;
    }

    private Path staging() {
        return module.devFolder().resolve("staging");
    }

    @Override
    public void close() {
        try {
            files.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
