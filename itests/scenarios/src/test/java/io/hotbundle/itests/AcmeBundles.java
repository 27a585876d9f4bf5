package io.hotbundle.itests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarInputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bundles of a plugin author's graph, as the library scenarios deploy them: the reactor's fixtures (a pricing
 * API with its implementation and host, the format library and a plugin using it, a plugin using commons-lang3
 * and Jackson), the real third-party bundles Maven fetched, and builds derived from them at test time by
 * rewriting manifest headers (a library's next minor or major version, another user of it).
 */
public final class AcmeBundles {

    public static final String API = "com.acme.pricing.api";
    public static final String IMPL = "com.acme.pricing.impl";
    public static final String HOST = "com.acme.pricing.host";
    public static final String FORMAT = "com.acme.format";
    public static final String USER = "com.acme.format.user";
    public static final String REPORT = "com.acme.report";
    public static final String LANG3 = "org.apache.commons.lang3";
    public static final String ANNOTATIONS = "com.fasterxml.jackson.core.jackson-annotations";
    public static final String CORE = "com.fasterxml.jackson.core.jackson-core";
    public static final String DATABIND = "com.fasterxml.jackson.core.jackson-databind";

    private AcmeBundles() {
    }

    /** A fixture of the reactor by its artifact id ({@code com.acme.pricing.api}...), version 1.0.0. */
    public static Path fixture(String artifactId) {
        return TestJars.reactorJar("hotbundle.fixture." + artifactId);
    }

    /** A real third-party jar that Maven copied for the tests: {@code thirdParty("jackson-core", "2.18.2")}. */
    public static Path thirdParty(String artifactId, String version) {
        Path jar = Path.of(System.getProperty("hotbundle.thirdparty", "target/third-party"),
                artifactId + "-" + version + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the tests with mvn verify");
        }
        return jar;
    }

    /** The pricing API as another version: the package and the bundle both say {@code version}. */
    public static byte[] api(String version) throws IOException {
        return exporting(fixture(API), API, version);
    }

    /** The format library as another version: the package and the bundle both say {@code version}. */
    public static byte[] format(String version) throws IOException {
        return exporting(fixture(FORMAT), FORMAT, version);
    }

    /**
     * The format library as another version whose code makes every plugin that checks it fail to activate (see
     * the fixture's {@code Formats.check}).
     */
    public static byte[] formatRefusingDependents(String version) throws IOException {
        return TestJars.withHeaders(fixture(FORMAT), Map.of("Bundle-Version", version,
                "Export-Package", FORMAT + ";version=\"" + version + "\"", "Fixture-Behaviour", "refuse-dependents"));
    }

    /** Another plugin using the format library: its own symbolic name, asking for {@code range} of the library. */
    public static byte[] formatUser(String symbolicName, String range) throws IOException {
        return TestJars.withHeaders(fixture(USER), Map.of("Bundle-SymbolicName", symbolicName,
                "Import-Package", importing(fixture(USER), FORMAT, range)));
    }

    /** A copy of a bundle that exports {@code pkg} at {@code version}, with that Bundle-Version. */
    public static byte[] exporting(Path jar, String pkg, String version) throws IOException {
        return TestJars.withHeaders(jar, Map.of("Bundle-Version", version,
                "Export-Package", pkg + ";version=\"" + version + "\""));
    }

    /** The jar's Import-Package with the range of {@code pkg} replaced by {@code range} ({@code [2.0,3)}). */
    public static String importing(Path jar, String pkg, String range) throws IOException {
        String imports = header(jar, "Import-Package");
        Matcher clause = Pattern.compile(Pattern.quote(pkg) + ";version=\"[^\"]*\"").matcher(imports);
        if (!clause.find()) {
            throw new IllegalStateException(jar + " does not import " + pkg + " with a version: " + imports);
        }
        return clause.replaceFirst(Matcher.quoteReplacement(pkg + ";version=\"" + range + "\""));
    }

    /** A main header of a jar's manifest. */
    public static String header(Path jar, String name) throws IOException {
        try (InputStream in = Files.newInputStream(jar); var source = new JarInputStream(in)) {
            return source.getManifest().getMainAttributes().getValue(name);
        }
    }
}
