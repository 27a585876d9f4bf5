package io.hotbundle.container.internal.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.osgi.framework.Version;

/**
 * One checked build of a bundle, kept in the container's artifact store under its digest: what gets installed,
 * and what a rollback puts back. Immutable, and so is its file: nobody but the container can write the store, so
 * the bytes the framework reads are the bytes that were checked.
 *
 * @param digest  the SHA-256 of the bytes, hex: two artifacts with one digest are one build
 * @param file    the private copy in the store
 * @param size    its size in bytes
 * @param headers what its manifest says
 */
public record Artifact(String digest, Path file, long size, BundleHeaders headers) {

    public String symbolicName() {
        return headers.symbolicName();
    }

    public Version version() {
        return headers.version();
    }

    public boolean isFragment() {
        return headers.isFragment();
    }

    /** A fresh stream over the bytes, for the framework to install from. */
    public InputStream open() throws IOException {
        return Files.newInputStream(file);
    }

    /** "name version", for people. */
    @Override
    public String toString() {
        return symbolicName() + " " + version();
    }
}
