package io.hotbundle.container.internal.plugins;

import static java.lang.System.Logger.Level.ERROR;

import java.io.IOException;
import java.lang.System.Logger;
import java.nio.file.Path;
import java.time.Duration;

import io.hotbundle.container.internal.artifacts.ArchiveLimits;
import io.hotbundle.container.internal.trust.Signatures;

/**
 * The deployer's settings, changeable while the container runs: a new configuration is applied here instead of
 * recreating the deployer, which would drop what it knows of its plugins. One configuration's values are replaced
 * whole, so a swap never sees half of an old and half of a new one.
 */
final class SwapSettings {

    private static final Logger LOG = System.getLogger("hotbundle");

    /** One configuration's values. */
    record Values(Duration hold, Duration listener, Duration activation, Duration deactivation, Duration drain,
            Duration refresh, Duration settle, boolean refuseDowngrades, String trustStore, Signatures signatures,
            String trustProblem, ArchiveLimits limits) {

        /** Whether only signed bundles are accepted. */
        boolean trustRequired() {
            return !trustStore.isEmpty();
        }
    }

    private volatile Values values;

    SwapSettings(DeployerConfig config) {
        apply(config);
    }

    void apply(DeployerConfig config) {
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
        ArchiveLimits limits;
        try {
            limits = new ArchiveLimits(config.archive_max_inflated_mb() << 20, config.archive_max_entries(),
                    config.archive_max_entry_mb() << 20, config.archive_max_manifest_kb() << 10);
        } catch (IllegalArgumentException e) {
            LOG.log(ERROR, "archive limits must be positive; the defaults apply");
            limits = ArchiveLimits.DEFAULTS;
        }
        values = new Values(millis(config.hold_timeout_ms()), millis(config.listener_timeout_ms()),
                millis(config.activation_timeout_ms()), millis(config.deactivation_timeout_ms()),
                millis(config.drain_timeout_ms()), millis(config.refresh_timeout_ms()), millis(config.settle_ms()),
                "refuse".equalsIgnoreCase(config.downgrade().trim()), store, signatures, trustProblem, limits);
    }

    /** The values in force now; read once per decision. */
    Values now() {
        return values;
    }

    private static Duration millis(long millis) {
        return Duration.ofMillis(Math.max(0, millis));
    }
}
