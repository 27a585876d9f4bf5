package io.hotbundle.dev.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import javax.tools.JavaCompiler;

/**
 * The watched modules of every project dev mode was given, their class paths as Maven resolves them, and how they
 * depend on each other (an implementation on its API module).
 */
final class Workspace implements AutoCloseable {

    private final List<Path> projects;
    private final JavaCompiler javac;
    private final PomReader poms = new PomReader();
    private final MavenClasspath maven = new MavenClasspath();
    private final Map<Path, ModuleState> modules = new LinkedHashMap<>();

    Workspace(List<Path> projects, JavaCompiler javac) {
        this.projects = List.copyOf(projects);
        this.javac = javac;
    }

    /** Reads every project's POMs; modules already known keep their compiler, and must compile again. */
    void read(Consumer<String> say) {
        var seen = new LinkedHashSet<Path>();
        for (Path project : projects) {
            for (PluginModule module : poms.modules(project, skipped -> say.accept("skipping " + skipped))) {
                seen.add(module.basedir());
                ModuleState state = modules.get(module.basedir());
                if (state == null) {
                    modules.put(module.basedir(), new ModuleState(module, new ModuleCompiler(javac, module)));
                } else {
                    state.module = module;
                    state.fullCompile = true;
                    state.rebundle = true;
                }
            }
        }
        modules.keySet().removeIf(basedir -> !seen.contains(basedir));
        if (modules.isEmpty()) {
            throw new IllegalArgumentException("no bundle module in " + projects);
        }
    }

    /** Resolves every module's class path through Maven, one run per reactor root. */
    void resolve() throws InterruptedException {
        var byRoot = new LinkedHashMap<Path, List<PluginModule>>();
        modules.values().forEach(s -> byRoot.computeIfAbsent(s.module.reactorRoot(), r -> new ArrayList<>()).add(s.module));
        var resolved = new LinkedHashMap<Path, List<Path>>();
        for (var entry : byRoot.entrySet()) {
            resolved.putAll(maven.resolve(entry.getKey(), entry.getValue()));
        }
        var byOutput = new LinkedHashMap<Path, ModuleState>();
        modules.values().forEach(s -> byOutput.put(s.module.buildOutput(), s));
        for (ModuleState state : modules.values()) {
            var classpath = new ArrayList<Path>();
            var upstream = new HashSet<ModuleState>();
            for (Path entry : resolved.getOrDefault(state.module.basedir(), List.of())) {
                ModuleState sibling = byOutput.get(entry.toAbsolutePath().normalize());
                classpath.add(sibling != null ? sibling.module.classes() : entry);
                if (sibling != null) {
                    upstream.add(sibling);
                }
            }
            state.classpath = List.copyOf(classpath);
            state.upstream = Set.copyOf(upstream);
            state.compiler.classpath(state.classpath);
            state.fullCompile = true;
            state.rebundle = true;
        }
    }

    /** Every module, upstream ones (an API) before the ones that compile against them. */
    List<ModuleState> inBuildOrder() {
        var ordered = new LinkedHashSet<ModuleState>();
        modules.values().forEach(s -> visit(s, ordered, new HashSet<>()));
        return new ArrayList<>(ordered);
    }

    private static void visit(ModuleState state, Set<ModuleState> ordered, Set<ModuleState> path) {
        if (ordered.contains(state) || !path.add(state)) {
            return;
        }
        state.upstream.forEach(u -> visit(u, ordered, path));
        ordered.add(state);
    }

    /** Whether {@code file} is a POM that a module's model comes from. */
    boolean isPom(Path file) {
        return modules.values().stream().anyMatch(s -> s.module.poms().contains(file));
    }

    List<ModuleState> modules() {
        return List.copyOf(modules.values());
    }

    void cancel() {
        maven.cancel();
    }

    @Override
    public void close() {
        modules.values().forEach(ModuleState::close);
    }
}
