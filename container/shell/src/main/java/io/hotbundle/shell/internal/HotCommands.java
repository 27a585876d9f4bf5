package io.hotbundle.shell.internal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

import io.hotbundle.api.PluginControl;
import io.hotbundle.api.PluginInfo;
import io.hotbundle.api.PluginRegistry;
import io.hotbundle.api.PluginStatus;
import io.hotbundle.api.ReloadEvent;
import io.hotbundle.api.ReloadEvent.Outcome;
import io.hotbundle.api.Reloads;
import io.hotbundle.api.RetiredVersion;
import io.hotbundle.api.state.SavedState;

/**
 * The {@code hot:} commands that show: an operator's view of the plugins and the swaps ({@link HotLevers} has the
 * ones that act). Every command returns text laid out for an 80-column terminal; every mistake is an exception
 * with a one-line message, which the consoles print as one line.
 */
@Component(service = HotCommands.class)
@GogoCommand(scope = "hot", function = {"list", "info", "history", "state", "leaks", "stats"})
@Descriptor("operate the plugins hosted by Hotbundle")
public final class HotCommands {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final BundleContext context;
    private final PluginRegistry registry;
    private final Reloads reloads;
    private final PluginControl control;
    private final ServiceComponentRuntime scr;

    @Activate
    public HotCommands(BundleContext context, @Reference PluginRegistry registry, @Reference Reloads reloads,
            @Reference PluginControl control, @Reference ServiceComponentRuntime scr) {
        this.context = context;
        this.registry = registry;
        this.reloads = reloads;
        this.control = control;
        this.scr = scr;
    }

    @Descriptor("list the hosted bundles: id, name, version, kind, state, generation; under each its origin, last "
            + "swap, and its services (a plugin) or who uses it (a library)")
    public String list() {
        List<PluginInfo> plugins = registry.plugins();
        if (plugins.isEmpty()) {
            return "no plugins deployed\n";
        }
        // Names are never cut: two versions of one library must stay told apart.
        var table = new TextTable(">ID", "PLUGIN", "VERSION", "KIND", "STATE", ">GEN");
        for (PluginInfo plugin : plugins) {
            String detail = plugin.origin() + " | last swap " + lastSwap(plugin.name()) + " | " + offers(plugin);
            table.rowWithDetail(detail, plugin.bundleId(), plugin.name(), plugin.version(), kind(plugin),
                    state(plugin), plugin.generation());
        }
        return table.toString();
    }

    /** What a hosted bundle offers others, in a few words: its services, or who uses its packages. */
    private String offers(PluginInfo plugin) {
        String services = "services " + services(plugin.bundleId(), true);
        String usedBy = "used by " + (plugin.usedBy().isEmpty() ? "nobody" : String.join(", ", plugin.usedBy()));
        return switch (plugin.kind()) {
            case LIBRARY -> usedBy;
            case BOTH -> services + " | " + usedBy;
            default -> services;
        };
    }

    private static String kind(PluginInfo plugin) {
        return plugin.kind().name().toLowerCase();
    }

    @Descriptor("show everything about one plugin: its components, last failure, problem now, holds and saved state")
    public String info(@Descriptor("the plugin: its symbolic name, or a unique part of it") String plugin) {
        PluginInfo info = find(plugin);
        String name = info.name();
        Bundle bundle = context.getBundle(info.bundleId());
        var out = new StringBuilder(name).append('\n');
        if (!name.equals(info.symbolicName())) {
            field(out, "symbolic name", info.symbolicName());
        }
        field(out, "version", info.version());
        field(out, "kind", kind(info));
        field(out, "state", state(info) + " since " + TIME.format(info.since()));
        field(out, "generation", info.generation());
        field(out, "bundle", info.bundleId() + (bundle == null ? "" : " (" + bundleState(bundle) + ")"));
        field(out, "origin", info.origin() + info.file().map(f -> " (" + f + ")").orElse(""));
        field(out, "digest", info.digest());
        field(out, "uses", info.uses().isEmpty() ? "nothing hosted" : String.join(", ", info.uses()));
        field(out, "used by", info.usedBy().isEmpty() ? "nobody" : String.join(", ", info.usedBy()));
        if (!info.waitingFor().isEmpty()) {
            field(out, "waiting for", String.join(", ", info.waitingFor()));
        }
        for (String stuck : control.leftBehind(name)) {
            field(out, "left behind", stuck.replace("\n", "\n                "));
        }
        field(out, "last swap", lastSwap(name));
        field(out, "last failure", lastFailure(name).orElse("none"));
        field(out, "problem now", info.problem().orElse("none"));
        List<String> holds = control.holdsPending(name);
        field(out, "holds pending", holds.isEmpty() ? "none" : String.join(", ", holds));
        field(out, "services", services(info.bundleId(), false));
        for (String component : ComponentStates.of(scr, bundle)) {
            field(out, "component", component);
        }
        field(out, "saved state", control.state(name).map(HotCommands::describe).orElse("none"));
        return out.toString();
    }

    @Descriptor("show the swaps of every plugin: time, outcome, duration, generation, from -> to, cause")
    public String history() {
        return history(registry.plugins().stream().map(PluginInfo::name).toList());
    }

    @Descriptor("show the swaps of one plugin: time, outcome, duration, generation, from -> to, cause")
    public String history(@Descriptor("the plugin: its symbolic name, or a unique part of it") String plugin) {
        return history(List.of(find(plugin).name()));
    }

    private String history(List<String> plugins) {
        List<ReloadEvent> events = plugins.stream().flatMap(p -> reloads.history(p).stream())
                .sorted(Comparator.comparing(ReloadEvent::started)).toList();
        if (events.isEmpty()) {
            return "no swaps yet\n";
        }
        var table = new TextTable("TIME", "PLUGIN", "OUTCOME", ">MS", ">GEN");
        for (ReloadEvent event : events) {
            String swap = event.fromVersion() + " -> " + event.toVersion() + event.cause().map(c -> " (" + c + ")").orElse("")
                    + event.failure().map(f -> ": " + f).orElse("");
            table.rowWithDetail(swap, TIME.format(event.started()), event.symbolicName(), outcome(event.outcome()),
                    event.duration().toMillis(), event.generation());
        }
        return table.toString();
    }

    @Descriptor("show the state the plugin last handed off, as stored")
    public String state(@Descriptor("the plugin: its symbolic name, or a unique part of it") String plugin) {
        String name = find(plugin).name();
        SavedState state = control.state(name)
                .orElseThrow(() -> new IllegalStateException(name + " has not saved any state"));
        var out = new StringBuilder(describe(state)).append('\n');
        state.values().forEach((key, value) -> out.append("  ").append(key).append(" = ").append(value).append('\n'));
        return out.toString();
    }

    @Descriptor("list swapped-out plugin versions still in memory after garbage collection, with what holds them")
    public String leaks() {
        List<RetiredVersion> leaks = control.leaks();
        if (leaks.isEmpty()) {
            return "no leaks: every swapped-out version was collected\n";
        }
        var table = new TextTable("RETIRED", "PLUGIN", "VERSION");
        for (RetiredVersion leak : leaks) {
            table.rowWithDetail(leak.holder(), TIME.format(leak.retiredAt()), leak.symbolicName(), leak.version());
        }
        return table.toString();
    }

    @Descriptor("show swap counts and swap-time percentiles, per plugin and in all")
    public String stats() {
        var table = new TextTable("PLUGIN", ">SWAPS", ">OK", ">BACK", ">FAIL", ">P50", ">P90", ">P99", ">MAX");
        var all = new ArrayList<ReloadEvent>();
        for (PluginInfo plugin : registry.plugins()) {
            List<ReloadEvent> events = reloads.history(plugin.name());
            all.addAll(events);
            statsRow(table, plugin.name(), SwapStats.of(events));
        }
        statsRow(table, "all plugins", SwapStats.of(all));
        return table + "swap times in ms, over successful swaps; BACK = rolled back\n";
    }

    private static void statsRow(TextTable table, String name, SwapStats s) {
        table.row(name, s.swaps(), s.reloaded(), s.rolledBack(), s.failed(), s.p50(), s.p90(), s.p99(), s.max());
    }

    private PluginInfo find(String typed) {
        return PluginNames.find(registry, typed);
    }

    private String lastSwap(String plugin) {
        List<ReloadEvent> events = reloads.history(plugin);
        if (events.isEmpty()) {
            return "none";
        }
        ReloadEvent last = events.get(events.size() - 1);
        return TIME.format(last.started()) + ", " + last.duration().toMillis() + " ms, " + outcome(last.outcome());
    }

    private Optional<String> lastFailure(String plugin) {
        List<ReloadEvent> events = new ArrayList<>(reloads.history(plugin));
        java.util.Collections.reverse(events);
        return events.stream().filter(e -> e.failure().isPresent()).findFirst()
                .map(e -> TIME.format(e.started()) + " " + e.toVersion() + ": " + e.failure().get());
    }

    private String services(long bundleId, boolean simpleNames) {
        Bundle bundle = context.getBundle(bundleId);
        ServiceReference<?>[] services = bundle == null ? null : bundle.getRegisteredServices();
        if (services == null || services.length == 0) {
            return "none";
        }
        return Arrays.stream(services)
                .flatMap(s -> Arrays.stream((String[]) s.getProperty("objectClass")))
                .map(c -> simpleNames ? c.substring(c.lastIndexOf('.') + 1) : c)
                .distinct().collect(Collectors.joining(", "));
    }

    private static String describe(SavedState state) {
        return "schema " + state.schemaVersion() + ", saved by " + state.savedBy() + " at "
                + TIME.format(state.savedAt()) + ", " + state.values().size() + " values";
    }

    /**
     * The plugin's status in words; a serving plugin whose components cannot all serve now says so, from SCR's
     * live view: "waiting" (for a service) or "failed activation".
     */
    private String state(PluginInfo plugin) {
        String status = plugin.status().name().toLowerCase().replace('_', ' ');
        if (plugin.status() != PluginStatus.SERVING) {
            return status;
        }
        return ComponentStates.trouble(scr, context.getBundle(plugin.bundleId())).orElse(status);
    }

    /** "rolled back", as people write it. */
    static String outcome(Outcome outcome) {
        return outcome.name().toLowerCase().replace('_', ' ');
    }

    private static String bundleState(Bundle bundle) {
        return switch (bundle.getState()) {
            case Bundle.ACTIVE -> "active";
            case Bundle.RESOLVED -> "resolved";
            case Bundle.INSTALLED -> "installed";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            default -> "uninstalled";
        };
    }

    private static void field(StringBuilder out, String name, Object value) {
        out.append("  ").append(String.format("%-14s", name)).append(value).append('\n');
    }

}
