package io.hotbundle.fleet.internal.node;

import io.hotbundle.fleet.internal.model.Outcome;
import io.hotbundle.fleet.internal.model.Release;

/**
 * What this node did with the release the fleet last asked it to serve for one plugin.
 *
 * @param target  the release asked for (null: the plugin withdrawn)
 * @param outcome how it went
 * @param cause   why, for a failure
 * @param time    when, epoch milliseconds
 */
public record Attempt(Release target, Outcome outcome, String cause, long time) {

    public Attempt now(Outcome outcome, String cause) {
        return new Attempt(target, outcome, cause, System.currentTimeMillis());
    }

    public static Attempt of(Release target, Outcome outcome) {
        return new Attempt(target, outcome, null, System.currentTimeMillis());
    }
}
