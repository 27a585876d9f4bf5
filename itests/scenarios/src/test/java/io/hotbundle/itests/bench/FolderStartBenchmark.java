package io.hotbundle.itests.bench;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;

import io.hotbundle.itests.AcmeBundles;
import io.hotbundle.itests.Await;
import io.hotbundle.itests.Hotbundle;
import io.hotbundle.itests.TestJars;

/**
 * {@code ./hotbundle} started on a folder of 200 bundles, 20 libraries and 180 plugins each needing one of them
 * (library k exports {@code com.acme.format} at version k; plugin i imports {@code [k,k+1)}, k = i mod 20 + 1):
 * once with file names that put every plugin before every library (adversarial: the order a file-by-file
 * deployer would fail on), once with the libraries first (friendly). Per start: the launcher's time to its
 * ready line, and that every bundle serves then ({@code hot:list}, run as soon as it is ready). Starts per
 * order: {@code hotbundle.bench.folder.starts} (3); bundles: {@code hotbundle.bench.folder.libraries} (20) and
 * {@code .plugins} (180).
 */
public class FolderStartBenchmark {

    private static final int STARTS = Integer.getInteger("hotbundle.bench.folder.starts", 3);
    private static final int LIBRARIES = Integer.getInteger("hotbundle.bench.folder.libraries", 20);
    private static final int PLUGINS = Integer.getInteger("hotbundle.bench.folder.plugins", 180);
    private static final Pattern READY = Pattern.compile("hotbundle ready in (\\d+) ms, watching .+");
    private static final Pattern SERVING_ROW = Pattern.compile("\\s*\\d+\\s+\\S+\\s+\\S+\\s+\\S+\\s+serving\\s+\\d+");

    @Test
    public void aFolderOfLibrariesAndPluginsStartsWholeInEitherOrder() throws Exception {
        Path adversarial = folder("adversarial", i -> String.format("a-plugin-%03d.jar", i),
                k -> String.format("z-library-%02d.jar", k));
        Path friendly = folder("friendly", i -> String.format("b-plugin-%03d.jar", i),
                k -> String.format("a-library-%02d.jar", k));
        for (var order : List.of(Map.entry("adversarial", adversarial), Map.entry("friendly", friendly))) {
            long[] readyMicros = new long[STARTS];
            for (int start = 0; start < STARTS; start++) {
                readyMicros[start] = startAndCount(order.getValue());
            }
            Results.samples("folder-start-" + order.getKey(), readyMicros);
        }
    }

    /** Starts the container on the folder, checks that every bundle serves once ready; the ready time, in µs. */
    private static long startAndCount(Path deploy) throws Exception {
        Path work = Hotbundle.scratchFolder("folder-start-work-");
        try (Hotbundle container = Hotbundle.start("--no-console", "--deploy", deploy.toString(), "--work",
                work.toString())) {
            Await.until("the ready line; " + container.describe(), Duration.ofMinutes(3),
                    () -> container.output().stream().anyMatch(l -> READY.matcher(l).matches()));
            Matcher ready = container.output().stream().map(READY::matcher).filter(Matcher::matches).findFirst()
                    .orElseThrow();
            Hotbundle.Result list = Hotbundle.run(null, "exec", "hot:list", "--deploy", deploy.toString(), "--work",
                    work.toString());
            long serving = list.lines().stream().filter(l -> SERVING_ROW.matcher(l).matches()).count();
            assertEquals("serving once ready:\n" + list.output(), LIBRARIES + PLUGINS, serving);
            return Long.parseLong(ready.group(1)) * 1000;
        }
    }

    private static Path folder(String name, java.util.function.IntFunction<String> pluginFile,
            java.util.function.IntFunction<String> libraryFile) throws Exception {
        Path folder = Hotbundle.scratchFolder("folder-start-" + name + "-");
        for (int k = 1; k <= LIBRARIES; k++) {
            String version = k + ".0.0";
            TestJars.drop(TestJars.withHeaders(AcmeBundles.fixture(AcmeBundles.FORMAT), Map.of(
                    "Bundle-SymbolicName", String.format("com.acme.bench.library%02d", k), "Bundle-Version", version,
                    "Export-Package", AcmeBundles.FORMAT + ";version=\"" + version + "\"")), folder, libraryFile.apply(k));
        }
        for (int i = 1; i <= PLUGINS; i++) {
            int k = i % LIBRARIES + 1;
            TestJars.drop(AcmeBundles.formatUser(String.format("com.acme.bench.plugin%03d", i),
                    "[" + k + ".0," + (k + 1) + ")"), folder, pluginFile.apply(i));
        }
        try (var files = Files.list(folder)) {
            assertEquals(LIBRARIES + PLUGINS, files.count());
        }
        return folder;
    }
}
