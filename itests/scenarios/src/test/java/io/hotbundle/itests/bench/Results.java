package io.hotbundle.itests.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * Where benchmarks put what they measured: {@code <out>/<name>.csv}, one sample per line in microseconds, plus
 * {@code <out>/<name>.txt} for figures that are not distributions. The report reads them back.
 */
public final class Results {

    private Results() {
    }

    public static Path folder() throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("hotbundle.bench.out", "target/bench")));
    }

    /** Saves samples (microseconds) and prints their percentiles. */
    public static void samples(String name, long[] micros) throws IOException {
        Files.writeString(folder().resolve(name + ".csv"),
                LongStream.of(micros).mapToObj(Long::toString).collect(Collectors.joining("\n")) + "\n");
        System.out.println("[bench] " + name + ": " + summary(micros));
    }

    /** Saves named figures, one "key=value" per line. */
    public static void figures(String name, String... lines) throws IOException {
        Files.writeString(folder().resolve(name + ".txt"), String.join("\n", lines) + "\n");
        System.out.println("[bench] " + name + ": " + String.join(", ", lines));
    }

    public static String summary(long[] micros) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        return String.format("n=%d p50=%.1f ms p90=%.1f ms p99=%.1f ms max=%.1f ms", sorted.length,
                percentile(sorted, 50) / 1000.0, percentile(sorted, 90) / 1000.0, percentile(sorted, 99) / 1000.0,
                sorted[sorted.length - 1] / 1000.0);
    }

    /** Nearest-rank percentile of sorted samples. */
    public static long percentile(long[] sorted, double percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
