package io.hotbundle.dev.internal;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One watched module between builds: its compiler, its class path, and what must be redone for it. What a build
 * could not finish (a compile error) stays pending here until a later build succeeds.
 */
final class ModuleState implements AutoCloseable {

    PluginModule module;
    final ModuleCompiler compiler;
    /** The resolved class path, watched siblings replaced by their dev-mode classes. */
    List<Path> classpath = List.of();
    /** Watched modules this one compiles against. */
    Set<ModuleState> upstream = Set.of();

    final Set<Path> changedSources = new HashSet<>();
    boolean fullCompile = true;
    boolean rebundle = true;
    /** The bundle's symbolic name, once built (bnd files may set another than the artifactId). */
    String symbolicName;
    /** The errors shown for the last failed build, so that the same ones are not shown again. */
    List<String> shownErrors = List.of();

    ModuleState(PluginModule module, ModuleCompiler compiler) {
        this.module = module;
        this.compiler = compiler;
        this.symbolicName = module.artifactId();
    }

    boolean needsCompile() {
        return fullCompile || !changedSources.isEmpty() || compiler.needsFull();
    }

    boolean pending() {
        return needsCompile() || rebundle;
    }

    /** Whether a changed file is one of this module's inputs, and what it asks for. */
    boolean takes(Path file) {
        if (file.startsWith(module.sources())) {
            if (file.toString().endsWith(".java")) {
                changedSources.add(file);
                return true;
            }
            return false;
        }
        if (module.bndFiles().contains(file) || module.resources().stream().anyMatch(file::startsWith)) {
            rebundle = true;
            return true;
        }
        return false;
    }

    @Override
    public void close() {
        compiler.close();
    }

    @Override
    public String toString() {
        return symbolicName;
    }
}
