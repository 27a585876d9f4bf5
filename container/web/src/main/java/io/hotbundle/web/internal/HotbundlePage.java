package io.hotbundle.web.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.hotbundle.api.PluginInfo;
import io.hotbundle.api.PluginRegistry;
import io.hotbundle.api.ReloadEvent;
import io.hotbundle.api.Reloads;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The Hotbundle page of the Felix Web Console ({@code /system/console/hotbundle}): every plugin with its version,
 * state, generation, last swap and what it uses; a chart of swap durations over time; the dependency graph; the
 * swap history; and, for each plugin, reload, pause or resume, and rollback, each confirmed in the browser and
 * carried out as a POST behind the console's login. Everything is drawn here: the page loads nothing from the
 * internet.
 */
@Component(service = Servlet.class, property = {"felix.webconsole.label=hotbundle", "felix.webconsole.title=Hotbundle",
        "felix.webconsole.category=Hotbundle"})
public final class HotbundlePage extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final transient BundleContext context;
    private final transient PluginRegistry registry;
    private final transient Reloads reloads;
    private final transient PluginActions actions;

    @Activate
    public HotbundlePage(BundleContext context, @Reference PluginRegistry registry, @Reference Reloads reloads,
            @Reference PluginActions actions) {
        this.context = context;
        this.registry = registry;
        this.reloads = reloads;
        this.actions = actions;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String message = actions.perform(request.getParameter("token"), request.getParameter("action"),
                request.getParameter("plugin"));
        response.sendRedirect(pluginRoot(request) + "?message=" + URLEncoder.encode(message, StandardCharsets.UTF_8));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        List<PluginInfo> plugins = registry.plugins();
        List<ReloadEvent> swaps = plugins.stream().flatMap(p -> reloads.history(p.symbolicName()).stream())
                .filter(e -> e.outcome() != ReloadEvent.Outcome.ABOUT_TO_RELOAD)
                .sorted(Comparator.comparing(ReloadEvent::started)).toList();
        var graph = new DependencyGraph(context, plugins);
        PrintWriter out = response.getWriter();
        out.println("<div id=\"hotbundle\"><style>#hotbundle h2{font-size:1.3em;margin:1em 0 .4em}"
                + " #hotbundle svg{display:block}</style>");
        String message = request.getParameter("message");
        if (message != null && !message.isBlank()) {
            out.println("<p id=\"action-result\" class=\"statusline\">" + Html.escape(message) + "</p>");
        }
        out.println("<h2>Plugins</h2>");
        out.println("<table id=\"plugins\" class=\"nicetable\"><thead><tr><th>ID</th><th>Plugin</th><th>Version</th>"
                + "<th>State</th><th>Gen</th><th>Last swap</th><th>Uses</th><th>Actions</th></tr></thead><tbody>");
        for (PluginInfo plugin : plugins) {
            row(out, request, plugin, graph);
        }
        out.println("</tbody></table>");
        out.println("<h2>Swap durations</h2><p class=\"legend\">");
        SwapChart.legend(swaps).forEach((name, colour) -> out.println("<span style=\"color:" + colour + "\">&#9679; "
                + Html.escape(name) + "</span>&nbsp;"));
        out.println("</p>" + SwapChart.svg(swaps));
        out.println("<h2>Dependencies</h2><p>Which plugin uses which API and library (from the framework's wiring)</p>");
        out.println(graph.svg());
        history(out, swaps);
        out.println("</div>");
    }

    private void row(PrintWriter out, HttpServletRequest request, PluginInfo plugin, DependencyGraph graph) {
        String name = plugin.symbolicName();
        List<ReloadEvent> history = reloads.history(name);
        String last = history.isEmpty() ? "none" : describe(history.get(history.size() - 1));
        var uses = new StringBuilder();
        graph.usedBy(name).forEach((bundle, packages) -> uses.append("<span title=\"")
                .append(Html.escape(String.join(", ", packages))).append("\">").append(Html.escape(bundle))
                .append("</span><br>"));
        out.println("<tr data-plugin=\"" + Html.escape(name) + "\"><td>" + plugin.bundleId() + "</td><td>"
                + Html.escape(name) + "</td><td>" + Html.escape(plugin.version()) + "</td><td class=\"state\">"
                + Html.escape(state(plugin)) + "</td><td class=\"generation\">" + plugin.generation()
                + "</td><td class=\"last-swap\">" + Html.escape(last) + "</td><td>" + uses + "</td><td>"
                + button(request, "reload", name) + button(request, reloads.isPaused(name) ? "resume" : "pause", name)
                + button(request, "rollback", name) + "</td></tr>");
    }

    private String button(HttpServletRequest request, String action, String plugin) {
        String question = Html.escape(action.substring(0, 1).toUpperCase(Locale.ROOT) + action.substring(1) + " "
                + plugin + "?");
        return "<form method=\"post\" action=\"" + Html.escape(pluginRoot(request)) + "\" style=\"display:inline\""
                + " onsubmit=\"return confirm(this.dataset.question)\" data-question=\"" + question + "\">"
                + "<input type=\"hidden\" name=\"token\" value=\"" + actions.token() + "\">"
                + "<input type=\"hidden\" name=\"action\" value=\"" + action + "\">"
                + "<input type=\"hidden\" name=\"plugin\" value=\"" + Html.escape(plugin) + "\">"
                + "<button type=\"submit\" class=\"ui-state-default ui-corner-all\" name=\"" + action + "\">" + action
                + "</button></form> ";
    }

    private static void history(PrintWriter out, List<ReloadEvent> swaps) {
        out.println("<h2>Swap history</h2>");
        out.println("<table id=\"history\" class=\"nicetable\"><thead><tr><th>Time</th><th>Plugin</th><th>From</th>"
                + "<th>To</th><th>Outcome</th><th>ms</th><th>Gen</th><th>Failure</th></tr></thead><tbody>");
        for (int i = swaps.size() - 1; i >= 0; i--) {
            ReloadEvent swap = swaps.get(i);
            out.println("<tr><td>" + TIME.format(swap.started()) + "</td><td>" + Html.escape(swap.symbolicName())
                    + "</td><td>" + Html.escape(swap.fromVersion()) + "</td><td>" + Html.escape(swap.toVersion())
                    + "</td><td>" + outcome(swap) + "</td><td>" + String.format("%.1f", SwapChart.millis(swap))
                    + "</td><td>" + swap.generation() + "</td><td>" + Html.escape(swap.failure().orElse(""))
                    + "</td></tr>");
        }
        out.println("</tbody></table>");
    }

    private static String describe(ReloadEvent swap) {
        return TIME.format(swap.started()) + ", " + String.format("%.0f ms", SwapChart.millis(swap)) + ", "
                + outcome(swap);
    }

    private static String outcome(ReloadEvent swap) {
        return swap.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private String state(PluginInfo plugin) {
        String state = plugin.status().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return reloads.isPaused(plugin.symbolicName()) && !state.equals("paused") ? state + ", paused" : state;
    }

    private static String pluginRoot(HttpServletRequest request) {
        Object root = request.getAttribute("felix.webconsole.pluginRoot");
        return root == null ? "hotbundle" : root.toString();
    }
}
