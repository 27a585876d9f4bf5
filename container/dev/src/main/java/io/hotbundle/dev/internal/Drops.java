package io.hotbundle.dev.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts built bundles into the deploy folder so that the container never sees half a file: each is written under a
 * hidden name that the container ignores, then renamed, which is atomic within one folder.
 *
 * <p>A set of bundles built together (an API and its implementations) is written first and renamed after, in one
 * burst, so that the container sees the whole set within one scan (the order is the caller's: see BuildRound).
 */
final class Drops {

    private final Path deploy;

    Drops(Path deploy) {
        this.deploy = deploy;
    }

    Path folder() {
        return deploy;
    }

    /** A bundle to drop: the file name in the deploy folder, and its bytes. */
    record Drop(String fileName, byte[] jar) {
    }

    /**
     * Drops the bundles, renaming them in the order given.
     *
     * @throws IOException when a bundle cannot be written; none of the set is renamed into place then
     */
    void drop(List<Drop> inOrder) throws IOException {
        Files.createDirectories(deploy);
        var written = new ArrayList<Path>();
        try {
            for (Drop drop : inOrder) {
                Path part = deploy.resolve("." + drop.fileName() + ".part");
                Files.write(part, drop.jar());
                written.add(part);
            }
        } catch (IOException e) {
            for (Path part : written) {
                Files.deleteIfExists(part);
            }
            throw e;
        }
        for (int i = 0; i < written.size(); i++) {
            Files.move(written.get(i), deploy.resolve(inOrder.get(i).fileName()),
                    StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
