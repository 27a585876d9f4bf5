package io.hotbundle.container.internal.artifacts;

import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.regex.Pattern;

import org.apache.felix.utils.manifest.Clause;
import org.apache.felix.utils.manifest.Parser;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

import io.hotbundle.container.internal.deploy.InvalidArchiveException;

/**
 * What the container reads from a bundle's manifest before the framework sees it: its identity, and the packages
 * it exports and needs, which decide what a swap of it restarts and whether the new set can resolve.
 *
 * <p>The symbolic name is checked against the OSGi grammar, since it names files in the work folder: a name
 * with a slash, a {@code ..} or a space never gets that far.
 */
public record BundleHeaders(String symbolicName, Version version, String fragmentHost, List<Export> exports,
        List<Import> imports, List<RequiredBundle> requiredBundles) {

    /** An exported package. */
    public record Export(String pkg, Version version) {
    }

    /** An imported package; optional ones do not keep a bundle from resolving. */
    public record Import(String pkg, VersionRange range, boolean optional) {
    }

    /** A Require-Bundle clause. */
    public record RequiredBundle(String symbolicName, VersionRange range, boolean optional) {
    }

    /** OSGi Core 3.2.5: symbolic-name ::= token ( '.' token )*, token ::= ( alphanum | '_' | '-' )+ */
    private static final Pattern SYMBOLIC_NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
    private static final int MAX_NAME = 200;

    static BundleHeaders of(Attributes main) throws InvalidArchiveException {
        String bsn = main.getValue(Constants.BUNDLE_SYMBOLICNAME);
        if (bsn == null || bsn.isBlank()) {
            throw new InvalidArchiveException("not a bundle: its manifest has no Bundle-SymbolicName");
        }
        try {
            Clause[] identity = Parser.parseHeader(bsn);
            String name = identity.length == 1 ? identity[0].getName() : "";
            if (!SYMBOLIC_NAME.matcher(name).matches() || name.length() > MAX_NAME) {
                throw new InvalidArchiveException("refused: '" + printable(bsn)
                        + "' is not a valid Bundle-SymbolicName (letters, digits, '_', '-', separated by dots)");
            }
            return new BundleHeaders(name, version(main.getValue(Constants.BUNDLE_VERSION)),
                    host(main.getValue(Constants.FRAGMENT_HOST)), exports(main.getValue(Constants.EXPORT_PACKAGE)),
                    imports(main.getValue(Constants.IMPORT_PACKAGE)),
                    requiredBundles(main.getValue(Constants.REQUIRE_BUNDLE)));
        } catch (IllegalArgumentException e) {
            throw new InvalidArchiveException("refused: its manifest cannot be parsed: " + printable(e.getMessage()));
        }
    }

    /** Whether this bundle attaches to a host instead of starting itself. */
    public boolean isFragment() {
        return fragmentHost != null;
    }

    private static Version version(String value) throws InvalidArchiveException {
        try {
            return value == null ? Version.emptyVersion : Version.parseVersion(value.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidArchiveException("invalid Bundle-Version '" + printable(value) + "'");
        }
    }

    private static String host(String value) {
        if (value == null) {
            return null;
        }
        Clause[] host = clauses(value);
        if (host.length != 1) {
            throw new IllegalArgumentException("Fragment-Host must name one host");
        }
        return host[0].getName();
    }

    private static List<Export> exports(String header) {
        var exports = new ArrayList<Export>();
        for (Clause clause : clauses(header)) {
            String version = clause.getAttribute(Constants.VERSION_ATTRIBUTE);
            for (String pkg : packages(clause)) {
                exports.add(new Export(pkg, version == null ? Version.emptyVersion : Version.parseVersion(version)));
            }
        }
        return List.copyOf(exports);
    }

    private static List<Import> imports(String header) {
        var imports = new ArrayList<Import>();
        for (Clause clause : clauses(header)) {
            VersionRange range = range(clause.getAttribute(Constants.VERSION_ATTRIBUTE));
            boolean optional = Constants.RESOLUTION_OPTIONAL.equals(clause.getDirective(Constants.RESOLUTION_DIRECTIVE));
            for (String pkg : packages(clause)) {
                imports.add(new Import(pkg, range, optional));
            }
        }
        return List.copyOf(imports);
    }

    private static List<RequiredBundle> requiredBundles(String header) {
        var required = new ArrayList<RequiredBundle>();
        for (Clause clause : clauses(header)) {
            required.add(new RequiredBundle(clause.getName(), range(clause.getAttribute(Constants.BUNDLE_VERSION_ATTRIBUTE)),
                    Constants.RESOLUTION_OPTIONAL.equals(clause.getDirective(Constants.RESOLUTION_DIRECTIVE))));
        }
        return List.copyOf(required);
    }

    private static Clause[] clauses(String header) {
        return header == null || header.isBlank() ? new Clause[0] : Parser.parseHeader(header);
    }

    /** Felix's parser gives one clause per package name; a clause lists one package ({@code a;b;version=1}: two). */
    private static List<String> packages(Clause clause) {
        return List.of(clause.getName());
    }

    private static VersionRange range(String value) {
        return new VersionRange(value == null ? "0.0.0" : value.trim());
    }

    /** A header value cut and cleaned for a one-line log message. */
    static String printable(String text) {
        String clean = String.valueOf(text).replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 120 ? clean.substring(0, 117) + "..." : clean;
    }
}
