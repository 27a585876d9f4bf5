package io.hotbundle.health.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The operator's settings of the checks, under PID {@code io.hotbundle.health} ({@code etc/io.hotbundle.health.cfg}). */
@ObjectClassDefinition(name = "Hotbundle health")
public @interface HealthSettings {

    String PID = "io.hotbundle.health";

    @AttributeDefinition(description = "status when a plugin failed (status failed, or a component failed activation):"
            + " CRITICAL or WARN")
    String failed_status() default "CRITICAL";

    @AttributeDefinition(description = "status when a plugin waits (a component waits for a service), or serves the"
            + " previous build after a rollback: WARN or CRITICAL")
    String waiting_status() default "WARN";

    @AttributeDefinition(description = "per plugin: 'symbolic.name=STATUS' (OK, WARN or CRITICAL), the status when that"
            + " plugin does not serve, whatever the reason")
    String[] plugin_status() default {};

    @AttributeDefinition(description = "status when a swapped-out version stays in memory: WARN or CRITICAL")
    String retired_status() default "WARN";

    @AttributeDefinition(description = "the watcher is dead when it has not completed a scan for this many poll"
            + " intervals (and at least watcher.min.silence.ms)")
    int watcher_missed_polls() default 10;

    @AttributeDefinition(description = "the shortest silence of the watcher that counts as dead, in milliseconds")
    long watcher_min_silence_ms() default 5000;
}
