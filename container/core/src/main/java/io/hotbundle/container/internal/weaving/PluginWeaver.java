package io.hotbundle.container.internal.weaving;

import org.osgi.framework.Bundle;
import org.osgi.framework.hooks.weaving.WeavingException;
import org.osgi.framework.hooks.weaving.WeavingHook;
import org.osgi.framework.hooks.weaving.WovenClass;

/**
 * Weaves every class a plugin loads ({@link ExitCalls}) so that its calls to {@code System.exit},
 * {@code Runtime.exit} and {@code Runtime.halt} throw a {@link SecurityException} naming the plugin, logged when
 * it happens. Only plugins are woven (bundles the container installed, whose locations start with
 * {@value #PLUGINS}): the launcher's and the framework's own exits stay.
 */
final class PluginWeaver implements WeavingHook {

    /** The locations of what the container installs (BundleOperations.LOCATION_PREFIX). */
    static final String PLUGINS = "hotbundle:";

    @Override
    public void weave(WovenClass woven) {
        Bundle bundle = woven.getBundleWiring().getBundle();
        if (!bundle.getLocation().startsWith(PLUGINS)) {
            return;
        }
        String plugin = bundle.getSymbolicName() + " " + bundle.getVersion();
        byte[] refused;
        try {
            refused = ExitCalls.refused(woven.getBytes(), plugin);
        } catch (RuntimeException e) {
            // A class that cannot be read cannot be proved harmless: it is not loaded. (A WeavingException, unlike
            // other exceptions, does not make the framework drop this hook for good.)
            throw new WeavingException(woven.getClassName() + " of " + plugin + " cannot be checked for calls that "
                    + "end the JVM: " + e.getMessage(), e);
        }
        if (refused != null) {
            woven.setBytes(refused);
        }
    }
}
