package io.hotbundle.itests.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

/**
 * Reads what the benchmarks saved and prints one table; draws the drop-to-serving distributions side by side
 * on a logarithmic axis into {@code latency.png}. Runs outside any framework: {@code java -cp test-classes}.
 */
public final class BenchmarkReport {

    /** The distributions, in the order the table and the plot show them, with their labels. */
    private static final Map<String, String> SERIES = new LinkedHashMap<>();

    static {
        SERIES.put("drop-to-running-hotbundle", "Hotbundle, from outside (drop to start())");
        SERIES.put("drop-to-running-stock-fastpoll", "Felix + FileInstall, 10 ms poll, from outside");
        SERIES.put("hotbundle-state", "Hotbundle, state handed over (drop to serving)");
        SERIES.put("hotbundle-nostate", "Hotbundle, no state (drop to serving)");
        SERIES.put("stock-fileinstall-fastpoll", "Felix + FileInstall, 10 ms poll, no transaction");
        SERIES.put("stock-fileinstall-defaults", "Felix + FileInstall, defaults (2 s poll)");
        SERIES.put("hotbundle-state-swap-only", "Hotbundle, the swap alone (state handed over)");
        SERIES.put("startup-to-ready-wall", "./hotbundle start to ready line (wall clock)");
        for (String n : List.of("1", "5", "20", "50")) {
            SERIES.put("library-swap-n" + n, "Library + " + n + " dependents, drop to last serving");
        }
        SERIES.put("folder-start-adversarial", "200 bundles, plugins sorted first: start to ready");
        SERIES.put("folder-start-friendly", "200 bundles, libraries sorted first: start to ready");
    }

    private BenchmarkReport() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "target/bench");
        var present = new LinkedHashMap<String, long[]>();
        System.out.printf("%-52s %5s %8s %8s %8s %8s%n", "latency (ms)", "n", "p50", "p90", "p99", "max");
        for (var series : SERIES.entrySet()) {
            Path csv = folder.resolve(series.getKey() + ".csv");
            if (!Files.exists(csv)) {
                continue;
            }
            long[] sorted = Files.readAllLines(csv).stream().filter(l -> !l.isBlank()).mapToLong(Long::parseLong)
                    .sorted().toArray();
            present.put(series.getValue(), sorted);
            System.out.printf("%-52s %5d %8.1f %8.1f %8.1f %8.1f%n", series.getValue(), sorted.length,
                    ms(Results.percentile(sorted, 50)), ms(Results.percentile(sorted, 90)),
                    ms(Results.percentile(sorted, 99)), ms(sorted[sorted.length - 1]));
        }
        Path jmh = folder.resolve("jmh.csv");
        if (Files.exists(jmh)) {
            System.out.printf("%-52s %12s %10s%n", "per call (JMH, average)", "ns/op", "error");
            for (String line : Files.readAllLines(jmh).subList(1, Files.readAllLines(jmh).size())) {
                String[] cells = line.replace("\"", "").split(",");
                String name = cells[0].substring(cells[0].lastIndexOf('.') + 1);
                System.out.printf("%-52s %12.2f %10.2f%n", name, Double.parseDouble(cells[4]),
                        Double.parseDouble(cells[5]));
            }
        }
        for (String figures : List.of("drop-to-running", "calls-during-swaps", "leaks", "idle", "idle-jvm-alone",
                "library-swap-n1-calls", "library-swap-n5-calls", "library-swap-n20-calls", "library-swap-n50-calls")) {
            Path txt = folder.resolve(figures + ".txt");
            if (Files.exists(txt)) {
                System.out.println(figures + ": " + String.join(", ", Files.readAllLines(txt)));
            }
        }
        if (!present.isEmpty()) {
            Path png = folder.resolve("latency.png");
            plot(present, png);
            System.out.println("plot: " + png);
        }
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    /** One row per distribution: every sample as a dot, the p50-p99 range as a bar, the median as a tick. */
    private static void plot(Map<String, long[]> series, Path png) throws IOException {
        int width = 1000;
        int rowHeight = 60;
        int left = 380;
        int right = 40;
        int top = 50;
        int height = top + rowHeight * series.size() + 50;
        double minMs = 1;
        double maxMs = 5000;
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.setColor(Color.DARK_GRAY);
        g.drawString("Latency per swap or start, ms (log scale); dots: samples, bar: p50 to p99, tick: p50", left, 25);
        for (double tick : new double[] {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000}) {
            int x = x(tick, minMs, maxMs, left, width - right);
            g.setColor(new Color(230, 230, 230));
            g.drawLine(x, top - 10, x, height - 40);
            g.setColor(Color.GRAY);
            g.drawString(tick >= 1000 ? (int) (tick / 1000) + " s" : (int) tick + "", x - 8, height - 22);
        }
        int row = 0;
        for (var entry : series.entrySet()) {
            int y = top + row * rowHeight + rowHeight / 2;
            long[] sorted = entry.getValue();
            g.setColor(Color.BLACK);
            g.drawString(entry.getKey(), 10, y + 5);
            g.setColor(new Color(70, 130, 180, 90));
            for (int i = 0; i < sorted.length; i++) {
                int x = x(Math.max(minMs, ms(sorted[i])), minMs, maxMs, left, width - right);
                g.fillOval(x - 3, y - 12 + (i * 7) % 24, 6, 6);
            }
            int p50 = x(Math.max(minMs, ms(Results.percentile(sorted, 50))), minMs, maxMs, left, width - right);
            int p99 = x(Math.max(minMs, ms(Results.percentile(sorted, 99))), minMs, maxMs, left, width - right);
            g.setColor(new Color(200, 60, 40));
            g.setStroke(new BasicStroke(3));
            g.drawLine(p50, y + 18, p99, y + 18);
            g.drawLine(p50, y + 12, p50, y + 24);
            row++;
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static int x(double ms, double min, double max, int from, int to) {
        double fraction = (Math.log(ms) - Math.log(min)) / (Math.log(max) - Math.log(min));
        return from + (int) Math.round(Math.max(0, Math.min(1, fraction)) * (to - from));
    }

}
