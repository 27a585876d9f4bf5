package io.hotbundle.container.internal.settings;

import static java.lang.System.Logger.Level.ERROR;

import java.lang.System.Logger;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.hotbundle.container.internal.deploy.DeployFolder;
import io.hotbundle.container.internal.handles.HotHandlesService;
import io.hotbundle.container.internal.plugins.DeployerConfig;
import io.hotbundle.container.internal.plugins.PluginDeployer;

/**
 * The container's own settings, checked against the types their components declare before they reach
 * ConfigAdmin. Declarative Services converts {@code hold.timeout.ms=abc} when it activates the component, and
 * fails it: the deployer at start, after pages of stack traces, and the container never became ready; while it
 * ran, the old values stayed after a line that said the file applied. A value that is not of its key's type is
 * left out instead, so that key's default applies, said in one line; the file's other keys apply.
 */
final class TypedValues {

    private static final Logger LOG = System.getLogger("hotbundle");
    private static final Map<String, Class<?>> TYPES = Map.of(PluginDeployer.PID, DeployerConfig.class,
            HotHandlesService.PID, HotHandlesService.Config.class, DeployFolder.PID, DeployFolder.Config.class);

    private TypedValues() {
    }

    /** The values whose keys the PID's component declares with a type they fit, and every value of other keys. */
    static Map<String, String> checked(String pid, Map<String, String> values, Path file) {
        Class<?> type = TYPES.get(pid);
        if (type == null) {
            return values;
        }
        var kept = new LinkedHashMap<>(values);
        for (Method method : type.getDeclaredMethods()) {
            // Declarative Services' rule for a simple name: each '_' is a '.'.
            String key = method.getName().replace('_', '.');
            String value = values.get(key);
            String wanted = value == null ? null : problem(method.getReturnType(), value);
            if (wanted != null) {
                kept.remove(key);
                LOG.log(ERROR, "settings: {0}: {1}={2} is not {3}; its default applies", file.getFileName(), key,
                        value.length() > 80 ? value.substring(0, 77) + "..." : value, wanted);
            }
        }
        return kept;
    }

    /** What the value should be, when it is not. */
    private static String problem(Class<?> type, String value) {
        try {
            if (type == long.class) {
                Long.parseLong(value);
            } else if (type == int.class) {
                Integer.parseInt(value);
            }
            return null;
        } catch (NumberFormatException e) {
            return type == int.class ? "a whole number up to 2147483647" : "a whole number";
        }
    }
}
