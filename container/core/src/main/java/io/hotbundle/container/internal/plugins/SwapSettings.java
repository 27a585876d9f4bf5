package io.hotbundle.container.internal.plugins;

import static java.lang.System.Logger.Level.ERROR;

import java.io.IOException;
import java.lang.System.Logger;
import java.nio.file.Path;
import java.time.Duration;

import io.hotbundle.container.internal.trust.Signatures;

/**
 * The timeouts of swaps, changeable while the container runs: the deployer applies a new configuration here
 * instead of being recreated, which would drop what it knows of its plugins.
 */
final class SwapSettings {

    private static final Logger LOG = System.getLogger("hotbundle");

    /** One configuration's values, replaced whole: a swap never sees half of an old and half of a new one. */
    private record Values(Duration hold, Duration listener, Duration activation, Duration deactivation,
            Duration drain, Duration refresh, boolean refuseDowngrades, String trustStore, Signatures signatures,
            String trustProblem) {
    }

    private volatile Values values;

    SwapSettings(PluginDeployer.Config config) {
        apply(config);
    }

    void apply(PluginDeployer.Config config) {
        String store = config.trust_store().trim();
        Signatures signatures = null;
        String trustProblem = null;
        if (!store.isEmpty()) {
            // A trust store that cannot be read refuses every new file (closed, not open).
            try {
                signatures = Signatures.trusting(Path.of(store), config.trust_store_password().toCharArray());
            } catch (IOException | RuntimeException e) {
                trustProblem = e.getMessage();
                LOG.log(ERROR, "trust mode: {0}; every new file is refused until it is fixed", trustProblem);
            }
        }
        values = new Values(Duration.ofMillis(config.hold_timeout_ms()), Duration.ofMillis(config.listener_timeout_ms()),
                Duration.ofMillis(config.activation_timeout_ms()), Duration.ofMillis(config.deactivation_timeout_ms()),
                Duration.ofMillis(config.drain_timeout_ms()), Duration.ofMillis(config.refresh_timeout_ms()),
                "refuse".equalsIgnoreCase(config.downgrade().trim()), store, signatures, trustProblem);
    }

    /** How long a swap waits for the holds on it. */
    Duration hold() {
        return values.hold();
    }

    /** How long a swap waits for one listener's {@code aboutToReload}. */
    Duration listener() {
        return values.listener();
    }

    /** How long a version may take to start and activate. */
    Duration activation() {
        return values.activation();
    }

    /** How long a version may take to stop, handing its state off. */
    Duration deactivation() {
        return values.deactivation();
    }

    /** How long a swap waits for calls running on the old version to finish. */
    Duration drain() {
        return values.drain();
    }

    /** Whether only signed bundles are accepted. */
    boolean trustRequired() {
        return !values.trustStore().isEmpty();
    }

    /** The trusted signatures; null when trust is not required, or when the trust store could not be read. */
    Signatures signatures() {
        return values.signatures();
    }

    /** Why the trust store could not be read. */
    String trustProblem() {
        return values.trustProblem();
    }

    /** Whether a file older than the serving version is refused rather than swapped to. */
    boolean refuseDowngrades() {
        return values.refuseDowngrades();
    }

    /** How long a scoped refresh may take. */
    Duration refresh() {
        return values.refresh();
    }
}
