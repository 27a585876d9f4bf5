package io.hotbundle.web.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.hotbundle.api.ReloadEvent;

/**
 * Swap durations over time, one line of points per plugin, drawn here as SVG: the page needs no script and
 * nothing from the internet. Time runs left to right over the swaps kept in the history; the duration is on the
 * vertical axis, from zero to a round ceiling above the longest swap.
 */
final class SwapChart {

    static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
        "#17becf"};
    private static final int WIDTH = 720;
    private static final int HEIGHT = 240;
    private static final int LEFT = 56;
    private static final int RIGHT = 16;
    private static final int TOP = 16;
    private static final int BOTTOM = 28;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private SwapChart() {
    }

    /** The chart of these swaps (finished ones: reloaded, rolled back, failed). */
    static String svg(List<ReloadEvent> swaps) {
        var byPlugin = new TreeMap<String, List<ReloadEvent>>();
        for (ReloadEvent swap : swaps) {
            byPlugin.computeIfAbsent(swap.symbolicName(), k -> new ArrayList<>()).add(swap);
        }
        var svg = new StringBuilder("<svg id=\"swap-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH
                + "\" height=\"" + HEIGHT + "\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT + "\" role=\"img\""
                + " aria-label=\"swap durations over time\" style=\"background:#fff;border:1px solid #ccc\">");
        if (swaps.isEmpty()) {
            svg.append("<text x=\"").append(WIDTH / 2).append("\" y=\"").append(HEIGHT / 2)
                    .append("\" text-anchor=\"middle\" fill=\"#666\">no swaps yet</text></svg>");
            return svg.toString();
        }
        long first = swaps.stream().mapToLong(s -> s.started().toEpochMilli()).min().orElse(0);
        long last = swaps.stream().mapToLong(s -> s.started().toEpochMilli()).max().orElse(0);
        long span = Math.max(1, last - first);
        double ceiling = ceiling(swaps.stream().mapToDouble(SwapChart::millis).max().orElse(1));
        axes(svg, first, last, ceiling);
        int colour = 0;
        for (Map.Entry<String, List<ReloadEvent>> plugin : byPlugin.entrySet()) {
            String fill = COLOURS[colour++ % COLOURS.length];
            var points = new StringBuilder();
            var dots = new StringBuilder();
            for (ReloadEvent swap : plugin.getValue()) {
                double x = LEFT + (WIDTH - LEFT - RIGHT) * (swap.started().toEpochMilli() - first) / (double) span;
                double y = TOP + (HEIGHT - TOP - BOTTOM) * (1 - millis(swap) / ceiling);
                points.append(String.format("%.1f,%.1f ", x, y));
                dots.append(String.format("<circle class=\"swap\" data-plugin=\"%s\" data-ms=\"%.1f\" cx=\"%.1f\""
                        + " cy=\"%.1f\" r=\"4\" fill=\"%s\"><title>%s %s &#8594; %s: %.1f ms, %s</title></circle>",
                        Html.escape(plugin.getKey()), millis(swap), x, y, fill, Html.escape(plugin.getKey()),
                        Html.escape(swap.fromVersion()), Html.escape(swap.toVersion()), millis(swap),
                        swap.outcome().name().toLowerCase(java.util.Locale.ROOT)));
            }
            svg.append("<polyline fill=\"none\" stroke=\"").append(fill).append("\" stroke-width=\"1.5\" points=\"")
                    .append(points.toString().trim()).append("\"/>").append(dots);
        }
        svg.append("</svg>");
        return svg.toString();
    }

    /** The colour of each plugin in the chart, for its legend. */
    static Map<String, String> legend(List<ReloadEvent> swaps) {
        var legend = new TreeMap<String, String>();
        swaps.stream().map(ReloadEvent::symbolicName).distinct().sorted()
                .forEach(name -> legend.put(name, COLOURS[legend.size() % COLOURS.length]));
        return legend;
    }

    private static void axes(StringBuilder svg, long first, long last, double ceiling) {
        int bottom = HEIGHT - BOTTOM;
        svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(bottom).append("\" x2=\"")
                .append(WIDTH - RIGHT).append("\" y2=\"").append(bottom).append("\" stroke=\"#333\"/>");
        svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"").append(LEFT)
                .append("\" y2=\"").append(bottom).append("\" stroke=\"#333\"/>");
        for (int i = 0; i <= 4; i++) {
            double value = ceiling * i / 4;
            double y = TOP + (bottom - TOP) * (1 - i / 4.0);
            svg.append(String.format("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>", LEFT + 1, y,
                    WIDTH - RIGHT, y));
            svg.append(String.format("<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s ms</text>",
                    LEFT - 4, y + 4, value >= 10 ? String.valueOf(Math.round(value)) : String.format("%.1f", value)));
        }
        svg.append("<text x=\"").append(LEFT).append("\" y=\"").append(HEIGHT - 8).append("\" font-size=\"11\">")
                .append(TIME.format(Instant.ofEpochMilli(first))).append("</text>");
        svg.append("<text x=\"").append(WIDTH - RIGHT).append("\" y=\"").append(HEIGHT - 8)
                .append("\" font-size=\"11\" text-anchor=\"end\">").append(TIME.format(Instant.ofEpochMilli(last)))
                .append("</text>");
    }

    static double millis(ReloadEvent swap) {
        return swap.duration().toNanos() / 1e6;
    }

    /** A round number at or above the value: 1, 2 or 5 times a power of ten. */
    static double ceiling(double value) {
        double power = Math.pow(10, Math.floor(Math.log10(Math.max(value, 0.1))));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }
}
