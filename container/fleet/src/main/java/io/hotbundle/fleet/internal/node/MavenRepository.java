package io.hotbundle.fleet.internal.node;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import io.hotbundle.fleet.internal.model.Release;

/**
 * A Maven repository, where a fleet's builds live: a folder ({@code file:}) or a server ({@code http(s):}, Nexus,
 * Artifactory...), in Maven's layout: {@code group/as/path/artifact/version/artifact-version.jar}, and beside it
 * the publisher's {@code .sha256} when the repository keeps one.
 */
public final class MavenRepository {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String base;
    private HttpClient http;

    /** @throws IllegalArgumentException when {@code url} is not a file, http or https URL */
    public MavenRepository(String url) {
        String scheme = url.contains(":") ? url.substring(0, url.indexOf(':')).toLowerCase(Locale.ROOT) : "";
        if (!scheme.equals("file") && !scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("the fleet's repository must be a file:, http: or https: URL, not '" + url
                    + "' (set repository in etc/io.hotbundle.fleet.cfg)");
        }
        this.base = url.endsWith("/") ? url : url + "/";
    }

    /** The jar's address: coordinates are checked names, so nothing in them can leave the repository. */
    public URI jar(String coordinates) {
        String[] gav = coordinates.split(":");
        return URI.create(base + gav[0].replace('.', '/') + "/" + gav[1] + "/" + gav[2] + "/" + gav[1] + "-" + gav[2]
                + ".jar");
    }

    /** The SHA-256 the publisher recorded beside the jar, when there is one. */
    public Optional<String> publishedSha256(String coordinates) throws IOException {
        URI checksum = URI.create(jar(coordinates) + ".sha256");
        try (InputStream in = open(checksum)) {
            String text = new String(in.readNBytes(1024), StandardCharsets.US_ASCII).trim();
            String hex = text.split("\\s+")[0].toLowerCase(Locale.ROOT);
            if (!hex.matches("[0-9a-f]{64}")) {
                throw new IOException(checksum + " is not a SHA-256");
            }
            return Optional.of(hex);
        } catch (FileNotFoundException | NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** The jar's bytes; a FileNotFoundException when the repository has no such artifact. */
    public InputStream open(Release release) throws IOException {
        return open(jar(release.coordinates()));
    }

    InputStream open(String coordinates) throws IOException {
        return open(jar(coordinates));
    }

    private InputStream open(URI uri) throws IOException {
        if (uri.getScheme().equals("file")) {
            return Files.newInputStream(Path.of(uri));
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<InputStream> response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() == 404) {
                response.body().close();
                throw new FileNotFoundException(uri.toString());
            }
            if (response.statusCode() != 200) {
                response.body().close();
                throw new IOException(uri + " answered HTTP " + response.statusCode());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + uri);
        }
    }

    private synchronized HttpClient client() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();
        }
        return http;
    }

    @Override
    public String toString() {
        return base;
    }
}
