package io.hotbundle.itests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Builds of the fixture plugins, derived at test time by rewriting manifest headers (a new Bundle-Version is a
 * new build whose answers name the new version), and drops into the deploy folder.
 */
public final class TestJars {

    private TestJars() {
    }

    /** The jar of a reactor module, as failsafe passes it in a system property. */
    public static Path reactorJar(String property) {
        String path = System.getProperty(property);
        if (path == null) {
            throw new IllegalStateException("system property " + property + " is not set: run the tests with mvn verify");
        }
        return Path.of(path);
    }

    /** A copy of {@code jar} whose manifest has the given headers set (an empty value removes a header). */
    public static byte[] withHeaders(Path jar, Map<String, String> headers) throws IOException {
        return rewritten(jar, headers, UnaryOperator.identity());
    }

    /**
     * A copy of {@code jar} with another version, whose components also require a service of
     * {@code missingInterface}, which nobody provides: it resolves and starts, and its components wait.
     */
    public static byte[] waitingFor(Path jar, String version, String missingInterface) throws IOException {
        return rewritten(jar, Map.of("Bundle-Version", version), component -> component.replace("<implementation ",
                "<reference name=\"missing\" interface=\"" + missingInterface + "\"/>\n  <implementation "));
    }

    /** A copy of {@code jar} with headers set as {@link #withHeaders} does, and its component descriptions edited. */
    private static byte[] rewritten(Path jar, Map<String, String> headers, UnaryOperator<String> components)
            throws IOException {
        try (InputStream in = Files.newInputStream(jar); var source = new JarInputStream(in)) {
            Manifest manifest = new Manifest(source.getManifest());
            headers.forEach((name, value) -> {
                if (value.isEmpty()) {
                    manifest.getMainAttributes().remove(new java.util.jar.Attributes.Name(name));
                } else {
                    manifest.getMainAttributes().putValue(name, value);
                }
            });
            var bytes = new ByteArrayOutputStream();
            try (var target = new JarOutputStream(bytes, manifest)) {
                for (JarEntry entry; (entry = source.getNextJarEntry()) != null; ) {
                    target.putNextEntry(new JarEntry(entry.getName()));
                    if (entry.getName().matches("OSGI-INF/[^/]+[.]xml")) {
                        String component = new String(source.readAllBytes(), StandardCharsets.UTF_8);
                        target.write(components.apply(component).getBytes(StandardCharsets.UTF_8));
                    } else {
                        source.transferTo(target);
                    }
                }
            }
            return bytes.toByteArray();
        }
    }

    /** A copy of {@code jar} that also imports a package nobody exports: it cannot resolve. */
    public static byte[] unresolvable(Path jar, String version) throws IOException {
        String imports;
        try (InputStream in = Files.newInputStream(jar); var source = new JarInputStream(in)) {
            imports = source.getManifest().getMainAttributes().getValue("Import-Package");
        }
        return withHeaders(jar, Map.of("Bundle-Version", version,
                "Import-Package", imports + ",io.hotbundle.does.not.exist"));
    }

    /** A copy of {@code jar} with another Bundle-Version. */
    public static byte[] withVersion(Path jar, String version) throws IOException {
        return withHeaders(jar, Map.of("Bundle-Version", version));
    }

    /**
     * Places a jar in the folder the way a careful tool does: written under a hidden name, then renamed, so
     * the container only ever sees the complete file.
     */
    public static Path drop(byte[] jar, Path folder, String name) throws IOException {
        Path part = Files.write(folder.resolve("." + name + ".part"), jar);
        return Files.move(part, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    public static Path drop(Path jar, Path folder, String name) throws IOException {
        return drop(Files.readAllBytes(jar), folder, name);
    }
}
