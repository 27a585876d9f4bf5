package io.hotbundle.itests.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Drops a jar the way the latency figure is defined: from the moment of its atomic arrival (the rename). */
final class Drops {

    private Drops() {
    }

    /** Writes the jar under a hidden name, then renames it into place; returns System.nanoTime() of the rename. */
    static long atomically(byte[] jar, Path folder, String name) throws IOException {
        Path part = Files.write(folder.resolve("." + name + ".part"), jar);
        long arrival = System.nanoTime();
        Files.move(part, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return arrival;
    }
}
