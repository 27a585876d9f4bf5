package io.hotbundle.container.internal.plugins;

import static java.lang.System.Logger.Level.ERROR;

import java.io.IOException;
import java.lang.System.Logger;
import java.nio.file.Path;
import java.time.Duration;

import io.hotbundle.container.internal.deploy.Signatures;

/**
 * The timeouts of swaps, changeable while the container runs: the deployer applies a new configuration here
 * instead of being recreated, which would drop what it knows of its plugins.
 */
final class SwapSettings {

    private static final Logger LOG = System.getLogger("hotbundle");

    private volatile Duration hold;
    private volatile Duration listener;
    private volatile Duration activation;
    private volatile Duration deactivation;
    private volatile Duration drain;
    private volatile Duration refresh;
    private volatile boolean refuseDowngrades;
    private volatile boolean trustRequired;
    private volatile Signatures signatures;
    private volatile String trustProblem;

    SwapSettings(PluginDeployer.Config config) {
        apply(config);
    }

    void apply(PluginDeployer.Config config) {
        hold = Duration.ofMillis(config.hold_timeout_ms());
        listener = Duration.ofMillis(config.listener_timeout_ms());
        activation = Duration.ofMillis(config.activation_timeout_ms());
        deactivation = Duration.ofMillis(config.deactivation_timeout_ms());
        drain = Duration.ofMillis(config.drain_timeout_ms());
        refresh = Duration.ofMillis(config.refresh_timeout_ms());
        refuseDowngrades = "refuse".equalsIgnoreCase(config.downgrade().trim());
        applyTrust(config);
    }

    /** Loads the trust store; one that cannot be read refuses every new file (closed, not open). */
    private void applyTrust(PluginDeployer.Config config) {
        String store = config.trust_store().trim();
        trustRequired = !store.isEmpty();
        signatures = null;
        trustProblem = null;
        if (trustRequired) {
            try {
                signatures = Signatures.trusting(Path.of(store), config.trust_store_password().toCharArray());
            } catch (IOException | RuntimeException e) {
                trustProblem = e.getMessage();
                LOG.log(ERROR, "trust mode: {0}; every new file is refused until it is fixed", trustProblem);
            }
        }
    }

    /** How long a swap waits for the holds on it. */
    Duration hold() {
        return hold;
    }

    /** How long a swap waits for one listener's {@code aboutToReload}. */
    Duration listener() {
        return listener;
    }

    /** How long a version may take to start and activate. */
    Duration activation() {
        return activation;
    }

    /** How long a version may take to stop, handing its state off. */
    Duration deactivation() {
        return deactivation;
    }

    /** How long a swap waits for calls running on the old version to finish. */
    Duration drain() {
        return drain;
    }

    /** Whether only signed bundles are accepted. */
    boolean trustRequired() {
        return trustRequired;
    }

    /** The trusted signatures; null when trust is not required, or when the trust store could not be read. */
    Signatures signatures() {
        return signatures;
    }

    /** Why the trust store could not be read. */
    String trustProblem() {
        return trustProblem;
    }

    /** Whether a file older than the serving version is refused rather than swapped to. */
    boolean refuseDowngrades() {
        return refuseDowngrades;
    }

    /** How long a scoped refresh may take. */
    Duration refresh() {
        return refresh;
    }
}
