package io.hotbundle.dev.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The javac options maven-compiler-plugin would pass for a module, from the properties it reads: the release
 * (or source and target), the encoding, and parameter names. Debug information is on, as Maven's default.
 */
final class CompilerOptions {

    private CompilerOptions() {
    }

    static List<String> of(PluginModule module) {
        var options = new ArrayList<>(List.of("-g", "-nowarn", "-implicit:none",
                "-encoding", module.property("project.build.sourceEncoding").orElse("UTF-8")));
        module.property("maven.compiler.release").ifPresentOrElse(release -> options.addAll(List.of("--release", release)),
                () -> {
                    module.property("maven.compiler.source").ifPresent(s -> options.addAll(List.of("-source", s)));
                    module.property("maven.compiler.target").ifPresent(t -> options.addAll(List.of("-target", t)));
                });
        if (module.property("maven.compiler.parameters").map(Boolean::parseBoolean).orElse(false)) {
            options.add("-parameters");
        }
        return options;
    }
}
