package io.hotbundle.dev.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.stream.Stream;

/** The files a module's bundle is built from, and when the newest of them changed. */
final class Inputs {

    private Inputs() {
    }

    /** The newest modification time (epoch millis) among the module's sources, resources, bnd files and POMs. */
    static long newest(PluginModule module) throws IOException {
        var roots = new ArrayList<Path>();
        roots.add(module.sources());
        roots.addAll(module.resources());
        roots.addAll(module.bndFiles());
        roots.addAll(module.poms());
        long newest = 0;
        for (Path root : roots) {
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                    newest = Math.max(newest, Files.getLastModifiedTime(file).toMillis());
                }
            }
        }
        return newest;
    }
}
