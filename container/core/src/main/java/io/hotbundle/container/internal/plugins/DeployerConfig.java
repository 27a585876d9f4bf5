package io.hotbundle.container.internal.plugins;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The deployer's settings, under PID {@value PluginDeployer#PID} ({@code etc/io.hotbundle.deployer.cfg}). Every
 * key applies while the container runs, to the next swap, except {@code history.size}.
 */
@ObjectClassDefinition(name = "Hotbundle plugin deployer")
public @interface DeployerConfig {


    @AttributeDefinition(description = "How long a swap waits for holds on it, in milliseconds")
    long hold_timeout_ms() default 10_000;

    @AttributeDefinition(description = "How long a swap waits for each listener's aboutToReload, in milliseconds")
    long listener_timeout_ms() default 5_000;

    @AttributeDefinition(description = "How long a version may take to start and activate, in milliseconds")
    long activation_timeout_ms() default 10_000;

    @AttributeDefinition(description = "How long a swap waits for calls on the old version to finish, in milliseconds")
    long drain_timeout_ms() default 10_000;

    @AttributeDefinition(description = "How long a version may take to stop and hand its state off, in milliseconds")
    long deactivation_timeout_ms() default 10_000;

    @AttributeDefinition(description = "How long a scoped refresh of one plugin may take, in milliseconds")
    long refresh_timeout_ms() default 30_000;

    @AttributeDefinition(description = "A file with an older version than the one serving: swap to it, or refuse it",
            options = {@Option(label = "allow", value = "allow"), @Option(label = "refuse", value = "refuse")})
    String downgrade() default "allow";

    @AttributeDefinition(description = "Trust mode: a key store (PKCS12 or JKS) of the certificates whose "
            + "signatures are accepted; empty: signatures are not required")
    String trust_store() default "";

    @AttributeDefinition(description = "The trust store's password", type = AttributeType.PASSWORD)
    String trust_store_password() default "";

    @AttributeDefinition(description = "How many swaps the history keeps per plugin (applies at start)")
    int history_size() default 100;

    @AttributeDefinition(description = "How long stopping waits for the swap in progress, in milliseconds")
    long shutdown_timeout_ms() default 10_000;

    @AttributeDefinition(description = "How long the folder must be quiet before changed files are taken "
            + "together, in milliseconds (0: at once; files that change meanwhile are still taken together)")
    long settle_ms() default 0;

    @AttributeDefinition(description = "The most all entries of a jar may inflate to, in MiB (also the largest file)")
    long archive_max_inflated_mb() default 1024;

    @AttributeDefinition(description = "The most entries a jar may have")
    int archive_max_entries() default 65_536;

    @AttributeDefinition(description = "The most one entry of a jar may inflate to, in MiB")
    long archive_max_entry_mb() default 512;

    @AttributeDefinition(description = "The largest manifest, in KiB")
    int archive_max_manifest_kb() default 1024;
}
