package io.hotbundle.web.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.hotbundle.api.PluginControl;
import io.hotbundle.api.PluginRegistry;
import io.hotbundle.api.ReloadEvent;
import io.hotbundle.api.Reloads;

/**
 * The levers of the web page: reload, pause, resume, rollback, through the container's services, each answered
 * in one line. A request must carry the page's token: another site can make a logged-in browser send a form,
 * but it cannot read the page to learn the token, so it cannot act in the operator's name.
 */
@Component(service = PluginActions.class)
public final class PluginActions {

    private static final Duration SWAP_TIMEOUT = Duration.ofMinutes(2);

    private final PluginRegistry registry;
    private final Reloads reloads;
    private final PluginControl control;
    private final String token;

    @Activate
    public PluginActions(@Reference PluginRegistry registry, @Reference Reloads reloads,
            @Reference PluginControl control) {
        this.registry = registry;
        this.reloads = reloads;
        this.control = control;
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        this.token = HexFormat.of().formatHex(secret);
    }

    String token() {
        return token;
    }

    /** Carries out the action and says how it went, in one line. */
    String perform(String offeredToken, String action, String plugin) {
        if (offeredToken == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                offeredToken.getBytes(StandardCharsets.UTF_8))) {
            return "refused: the page was out of date; reload it and try again";
        }
        if (plugin == null || registry.plugin(plugin).isEmpty()) {
            return "no plugin '" + plugin + "'";
        }
        try {
            return switch (String.valueOf(action).toLowerCase(Locale.ROOT)) {
                case "reload" -> describe("reload", control.reload(plugin, SWAP_TIMEOUT));
                case "rollback" -> describe("rollback", control.rollback(plugin, SWAP_TIMEOUT));
                case "pause" -> {
                    reloads.pause(plugin);
                    yield plugin + " paused: changed files wait until resume";
                }
                case "resume" -> {
                    reloads.resume(plugin);
                    yield plugin + " resumed";
                }
                default -> "no action '" + action + "'";
            };
        } catch (IllegalArgumentException | IllegalStateException e) {
            return action + " " + plugin + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return action + " " + plugin + ": interrupted";
        }
    }

    private static String describe(String action, ReloadEvent event) {
        return action + " " + event.symbolicName() + ": " + event.outcome().name().toLowerCase(Locale.ROOT)
                .replace('_', ' ') + ", " + event.fromVersion() + " -> " + event.toVersion() + " in "
                + event.duration().toMillis() + " ms (generation " + event.generation() + ")"
                + event.failure().map(f -> ": " + f).orElse("");
    }
}
