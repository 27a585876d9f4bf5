package io.hotbundle.container.internal.plugins;

import static java.lang.System.Logger.Level.ERROR;

import java.io.IOException;
import java.lang.System.Logger;
import java.nio.file.Path;
import java.time.Duration;

import io.hotbundle.container.internal.artifacts.ArchiveLimits;
import io.hotbundle.container.internal.settings.SettingBounds;
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
            // Bounded before the shifts: a mebibyte count of 2^44 would shift into a negative limit, or a small one.
            limits = new ArchiveLimits(megabytes("archive.max.inflated.mb", config.archive_max_inflated_mb()),
                    config.archive_max_entries(), megabytes("archive.max.entry.mb", config.archive_max_entry_mb()),
                    (int) SettingBounds.within("archive.max.manifest.kb", config.archive_max_manifest_kb(), 1, 1 << 20)
                            << 10);
        } catch (IllegalArgumentException e) {
            LOG.log(ERROR, "archive limits must be positive; the defaults apply");
            limits = ArchiveLimits.DEFAULTS;
        }
        values = new Values(millis("hold.timeout.ms", config.hold_timeout_ms()),
                millis("listener.timeout.ms", config.listener_timeout_ms()),
                millis("activation.timeout.ms", config.activation_timeout_ms()),
                millis("deactivation.timeout.ms", config.deactivation_timeout_ms()),
                millis("drain.timeout.ms", config.drain_timeout_ms()),
                millis("refresh.timeout.ms", config.refresh_timeout_ms()), millis("settle.ms", config.settle_ms()),
                "refuse".equalsIgnoreCase(config.downgrade().trim()), store, signatures, trustProblem, limits);
    }

    /** The values in force now; read once per decision. */
    Values now() {
        return values;
    }

    private static Duration millis(String key, long millis) {
        return Duration.ofMillis(SettingBounds.millis(key, millis));
    }

    /** Up to a tebibyte; at least one mebibyte. */
    private static long megabytes(String key, long megabytes) {
        return SettingBounds.within(key, megabytes, 1, 1 << 20) << 20;
    }
}
