package io.hotbundle.shell.internal;

import java.time.Duration;
import java.util.function.Consumer;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.hotbundle.api.PluginControl;
import io.hotbundle.api.PluginInfo;
import io.hotbundle.api.PluginRegistry;
import io.hotbundle.api.ReloadEvent;
import io.hotbundle.api.ReloadEvent.Outcome;
import io.hotbundle.api.Reloads;

/**
 * The {@code hot:} commands that act: reload, roll back, pause and resume ({@link HotCommands} has the ones that
 * show). A swap asked for here is awaited, bounded, and answered in one line: what now serves, or why not (as a
 * one-line error, which the consoles print as such and {@code exec} turns into exit status 1).
 */
@Component(service = HotLevers.class)
@GogoCommand(scope = "hot", function = {"reload", "pause", "resume", "rollback"})
@Descriptor("swap, roll back, pause or resume the plugins hosted by Hotbundle")
public final class HotLevers {

    private static final Duration SWAP_TIMEOUT = Duration.ofMinutes(2);

    private final PluginRegistry registry;
    private final Reloads reloads;
    private final PluginControl control;

    @Activate
    public HotLevers(@Reference PluginRegistry registry, @Reference Reloads reloads, @Reference PluginControl control) {
        this.registry = registry;
        this.reloads = reloads;
        this.control = control;
    }

    @Descriptor("read the plugin's file again and swap to it now, also when unchanged or paused")
    public String reload(@Descriptor("the plugin: its symbolic name, or a unique part of it") String plugin)
            throws InterruptedException {
        return report(control.reload(find(plugin).name(), SWAP_TIMEOUT));
    }

    @Descriptor("put back the version that served before the current one, with the plugin's state")
    public String rollback(@Descriptor("the plugin: its symbolic name, or a unique part of it") String plugin)
            throws InterruptedException {
        return report(control.rollback(find(plugin).name(), SWAP_TIMEOUT));
    }

    @Descriptor("pause swaps: changed files wait until resumed")
    public String pause(@Descriptor("the plugin, or 'all' for every plugin, present and future") String plugin) {
        return lever(plugin, "paused", reloads::pauseAll, reloads::pause);
    }

    @Descriptor("resume swaps and apply the newest file if it changed while paused")
    public String resume(@Descriptor("the plugin, or 'all'") String plugin) {
        return lever(plugin, "resumed", reloads::resumeAll, reloads::resume);
    }

    /** Pulls a lever for one plugin, or for 'all'; says what it did. */
    private String lever(String plugin, String done, Runnable forAll, Consumer<String> forOne) {
        if ("all".equals(plugin)) {
            forAll.run();
            return done + " all plugins\n";
        }
        String name = find(plugin).name();
        forOne.accept(name);
        return done + " " + name + "\n";
    }

    private PluginInfo find(String typed) {
        return PluginNames.find(registry, typed);
    }

    private static String report(ReloadEvent event) {
        String swap = event.symbolicName() + " " + event.fromVersion() + " -> " + event.toVersion();
        if (event.outcome() == Outcome.RELOADED) {
            return "reloaded " + swap + " (generation " + event.generation() + ", " + event.duration().toMillis()
                    + " ms)\n";
        }
        throw new IllegalStateException(HotCommands.outcome(event.outcome()) + ": " + swap + ": "
                + event.failure().orElse("no reason given"));
    }
}
