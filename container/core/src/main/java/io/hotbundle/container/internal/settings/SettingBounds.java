package io.hotbundle.container.internal.settings;

import static java.lang.System.Logger.Level.WARNING;

import java.lang.System.Logger;

/**
 * Bounds for numbers an operator writes into a settings file. A few zeros too many must not overflow a clock
 * (a timeout of 10^13 ms overflowed {@code Duration.toNanos} in the middle of a swap) or a shift, and a negative
 * count must not break a bookkeeping loop: a value out of bounds is taken at the nearest bound, in one line.
 */
public final class SettingBounds {

    /** The longest any wait may be set to. */
    public static final long DAY_MILLIS = 86_400_000L;

    private static final Logger LOG = System.getLogger("hotbundle");

    private SettingBounds() {
    }

    /** A time in milliseconds, within 0 and a day. */
    public static long millis(String key, long value) {
        return within(key, value, 0, DAY_MILLIS);
    }

    /** A number within {@code min} and {@code max}. */
    public static long within(String key, long value, long min, long max) {
        if (value < min || value > max) {
            long bound = value < min ? min : max;
            LOG.log(WARNING, "{0}={1} is out of bounds ({2} to {3}); {4} applies", key, String.valueOf(value),
                    String.valueOf(min), String.valueOf(max), String.valueOf(bound));
            return bound;
        }
        return value;
    }
}
