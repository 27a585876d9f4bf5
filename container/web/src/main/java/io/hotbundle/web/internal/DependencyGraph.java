package io.hotbundle.web.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

import io.hotbundle.api.PluginInfo;

/**
 * Which plugin uses which API and library, read from the framework's wiring (each package a plugin imports is a
 * wire to the bundle that exports it), and drawn as SVG: plugins on the left, what they use on the right.
 */
final class DependencyGraph {

    private static final int ROW = 30;
    private static final int WIDTH = 720;

    /** Plugin name to the bundles it uses ("name version") and the packages it takes from each. */
    private final Map<String, Map<String, TreeSet<String>>> uses = new TreeMap<>();

    DependencyGraph(BundleContext context, List<PluginInfo> plugins) {
        for (PluginInfo plugin : plugins) {
            Bundle bundle = context.getBundle(plugin.bundleId());
            BundleWiring wiring = bundle == null ? null : bundle.adapt(BundleWiring.class);
            var providers = new TreeMap<String, TreeSet<String>>();
            if (wiring != null) {
                for (BundleWire wire : wiring.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)) {
                    Bundle provider = wire.getProvider().getBundle();
                    if (provider.getBundleId() == 0 || provider.getBundleId() == plugin.bundleId()) {
                        continue;
                    }
                    providers.computeIfAbsent(provider.getSymbolicName() + " " + provider.getVersion(),
                            k -> new TreeSet<>()).add(String.valueOf(
                            wire.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE)));
                }
            }
            uses.put(plugin.symbolicName(), providers);
        }
    }

    /** What the plugin uses, for its row of the plugins table. */
    Map<String, TreeSet<String>> usedBy(String plugin) {
        return uses.getOrDefault(plugin, Map.of());
    }

    String svg() {
        var targets = new LinkedHashMap<String, Integer>();
        uses.values().forEach(p -> p.keySet().forEach(t -> targets.putIfAbsent(t, targets.size())));
        int rows = Math.max(Math.max(uses.size(), targets.size()), 1);
        int height = rows * ROW + 20;
        var svg = new StringBuilder("<svg id=\"dependency-graph\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH
                + "\" height=\"" + height + "\" role=\"img\" aria-label=\"which plugin uses which API and library\""
                + " style=\"background:#fff;border:1px solid #ccc\">");
        var edges = new ArrayList<String>();
        int row = 0;
        for (var plugin : uses.entrySet()) {
            int y = 20 + row++ * ROW;
            for (var target : plugin.getValue().entrySet()) {
                int ty = 20 + targets.get(target.getKey()) * ROW;
                edges.add(String.format("<line class=\"uses\" data-from=\"%s\" data-to=\"%s\" x1=\"250\" y1=\"%d\""
                        + " x2=\"470\" y2=\"%d\" stroke=\"#888\"><title>%s</title></line>", Html.escape(plugin.getKey()),
                        Html.escape(target.getKey()), y, ty, Html.escape(String.join(", ", target.getValue()))));
            }
            svg.append(String.format("<text x=\"245\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">%s</text>", y + 4,
                    Html.escape(plugin.getKey())));
        }
        for (var target : targets.entrySet()) {
            svg.append(String.format("<text x=\"475\" y=\"%d\" font-size=\"12\">%s</text>", 24 + target.getValue() * ROW,
                    Html.escape(target.getKey())));
        }
        edges.forEach(svg::append);
        return svg.append("</svg>").toString();
    }
}
