package io.hotbundle.itests.bench;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;

import io.hotbundle.itests.Await;
import io.hotbundle.itests.ContainerProcess;
import io.hotbundle.itests.bench.stamp.StartStamp;

/**
 * Drop to running, measured from outside the process that runs the bundle: this process renames a plain
 * activator bundle into the deploy folder, and the bundle writes the wall clock when its {@code start} runs
 * ({@link StartStamp}); both read the same clock. Hotbundle ({@code ./hotbundle}, default settings) against
 * bare Felix 7.0.5 with FileInstall 3.7.4 polling every 10 ms ({@link StockFelix}), both running at once and
 * swapped in turn, so that a busy moment of the machine costs both the same. 100 swaps each after 10 warm-up.
 */
public class DropToRunningBenchmark {

    private static final String STAMP_NAME = "io.hotbundle.bench.stamp";
    private static final int WARM_UP = 10;
    /** The container's own line for each swap (the first drop is an install), with the swap's duration. */
    private static final Pattern SWAPPED =
            Pattern.compile(".* swapped " + Pattern.quote(STAMP_NAME) + " .* in (\\d+) ms .*");

    @Test
    public void hotbundleAgainstStockFelixWithFileInstall() throws Exception {
        Path scratch = Files.createDirectories(Path.of(System.getProperty("hotbundle.scratch", "target/scratch")));
        Target hotbundle = new Target(scratch, "hotbundle");
        Target stock = new Target(scratch, "stock");
        int swaps = SwapLatencyBenchmark.SWAPS;
        long[] swapMillis;
        long[] hotbundleMicros = new long[swaps];
        long[] stockMicros = new long[swaps];
        Path work = Files.createTempDirectory(scratch, "running-work-");
        String stamps = "-Dhotbundle.bench.stamps=" + hotbundle.stamps;
        try (var container = ContainerProcess.start(hotbundle.deploy, work, stamps);
                var felix = ContainerProcess.start(stockCommand(stock, scratch), Map.of(), Pattern.compile("ready"))) {
            for (int i = -WARM_UP; i < swaps; i++) {
                byte[] jar = stampBundle("2.0." + (i + WARM_UP));
                long toHotbundle = hotbundle.dropToRunning(jar, "2.0." + (i + WARM_UP));
                long toStock = stock.dropToRunning(jar, "2.0." + (i + WARM_UP));
                if (i >= 0) {
                    hotbundleMicros[i] = toHotbundle;
                    stockMicros[i] = toStock;
                }
            }
            swapMillis = container.output().stream().map(SWAPPED::matcher).filter(Matcher::matches)
                    .mapToLong(m -> Long.parseLong(m.group(1))).skip(WARM_UP - 1).sorted().toArray();
        }
        Results.samples("drop-to-running-hotbundle", hotbundleMicros);
        Results.samples("drop-to-running-stock-fastpoll", stockMicros);
        long[] h = hotbundleMicros.clone();
        long[] s = stockMicros.clone();
        Arrays.sort(h);
        Arrays.sort(s);
        Results.figures("drop-to-running", String.format("p50.ratio.hotbundle.to.stock=%.2f",
                (double) Results.percentile(h, 50) / Results.percentile(s, 50)),
                "hotbundle.swap.alone.p50.ms=" + Results.percentile(swapMillis, 50));
    }

    /** One deploy folder and the folder its bundle writes its start stamps into. */
    private static final class Target {
        final Path deploy;
        final Path stamps;
        final WatchService stamped;

        Target(Path scratch, String name) throws IOException {
            deploy = Files.createTempDirectory(scratch, "running-" + name + "-deploy-");
            stamps = Files.createTempDirectory(scratch, "running-" + name + "-stamps-");
            stamped = FileSystems.getDefault().newWatchService();
            stamps.register(stamped, StandardWatchEventKinds.ENTRY_CREATE);
        }

        /** Renames the jar in and returns the microseconds from the rename to the new version's start. */
        long dropToRunning(byte[] jar, String version) throws IOException, InterruptedException {
            Path part = Files.write(deploy.resolve(".stamp.jar.part"), jar);
            long dropped = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
            Files.move(part, deploy.resolve("stamp.jar"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            Path stamp = stamps.resolve(version);
            long deadline = System.nanoTime() + Await.DEFAULT.toNanos();
            while (!Files.exists(stamp)) {
                var key = stamped.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
                if (key == null) {
                    throw new AssertionError(version + " did not start within " + Await.DEFAULT + " in " + deploy);
                }
                key.pollEvents();
                key.reset();
            }
            return Long.parseLong(Files.readString(stamp).trim()) - dropped;
        }
    }

    private static List<String> stockCommand(Target stock, Path scratch) throws IOException {
        String classPath = jarOf("org.apache.felix.framework.FrameworkFactory") + File.pathSeparator
                + jarOf(StockFelix.class.getName());
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dhotbundle.bench.stamps=" + stock.stamps, "-cp", classPath, StockFelix.class.getName(),
                stock.deploy.toString(), Files.createTempDirectory(scratch, "running-stock-storage-").toString(),
                jarOf("org.apache.felix.fileinstall.ArtifactInstaller"));
    }

    /** Where a class on this test's class path comes from: a jar, or the test classes. */
    private static String jarOf(String className) {
        try {
            return Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (ReflectiveOperationException | java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot find " + className + " on the class path", e);
        }
    }

    /** A bundle of one class, {@link StartStamp}, importing only the framework's API. */
    private static byte[] stampBundle(String version) throws IOException {
        var manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", STAMP_NAME);
        main.putValue("Bundle-Version", version);
        main.putValue("Bundle-Activator", StartStamp.class.getName());
        main.putValue("Import-Package", "org.osgi.framework");
        String entry = StartStamp.class.getName().replace('.', '/') + ".class";
        var bytes = new ByteArrayOutputStream();
        try (var jar = new JarOutputStream(bytes, manifest);
                InputStream in = StartStamp.class.getClassLoader().getResourceAsStream(entry)) {
            jar.putNextEntry(new JarEntry(entry));
            in.transferTo(jar);
        }
        return bytes.toByteArray();
    }
}
