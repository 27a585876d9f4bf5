package io.hotbundle.logging.internal;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

import org.ops4j.pax.logging.PaxLogger;
import org.ops4j.pax.logging.PaxLoggingService;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * A {@code java.util.logging} handler that hands each record to Pax Logging under the bundle of the code that
 * logged it, found on the calling thread's stack: the file then names the container's bundle and version on its
 * lines, as it does for every other bundle. While Pax Logging is not there (it starts, or stops) the records go
 * to the handlers this one replaced, so no line is lost.
 */
final class BundleJulHandler extends Handler {

    private static final StackWalker STACK = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final List<String> LOGGING_FRAMES = List.of("java.util.logging.", "sun.util.logging.",
            "jdk.internal.logger.", "java.lang.System$Logger", "io.hotbundle.logging.internal.BundleJulHandler");

    private final Supplier<PaxLoggingService> logging;
    private final List<Handler> fallback;
    private final SimpleFormatter formatter = new SimpleFormatter();

    BundleJulHandler(Supplier<PaxLoggingService> logging, List<Handler> fallback) {
        this.logging = logging;
        this.fallback = fallback;
    }

    @Override
    public void publish(LogRecord record) {
        PaxLoggingService service = logging.get();
        if (service == null || record == null) {
            fallback.forEach(h -> h.publish(record));
            return;
        }
        Bundle bundle = callerBundle().orElse(null);
        PaxLogger logger = service.getLogger(bundle, record.getLoggerName(), BundleJulHandler.class.getName());
        String message = formatter.formatMessage(wholeNumbersAsText(record));
        Throwable thrown = record.getThrown();
        int level = record.getLevel().intValue();
        // The message is passed as it is, never as a format: a '{}' in it stays a '{}'.
        if (level >= Level.SEVERE.intValue()) {
            if (thrown == null) { logger.error(message); } else { logger.error(message, thrown); }
        } else if (level >= Level.WARNING.intValue()) {
            if (thrown == null) { logger.warn(message); } else { logger.warn(message, thrown); }
        } else if (level >= Level.INFO.intValue()) {
            if (thrown == null) { logger.info(message); } else { logger.info(message, thrown); }
        } else if (level >= Level.FINE.intValue()) {
            if (thrown == null) { logger.debug(message); } else { logger.debug(message, thrown); }
        } else if (thrown == null) {
            logger.trace(message);
        } else {
            logger.trace(message, thrown);
        }
    }

    /**
     * The record with its whole-number parameters as text, where the message places them plainly ({@code {1}}):
     * {@code MessageFormat} would build a NumberFormat for each and group its digits by the locale, so that a 5000 ms
     * timeout read "5,000 ms" and a grep for it failed. A parameter the message formats itself ({@code {1,number,...}})
     * is left to it. The record itself is not changed; without such a parameter it is returned as it is.
     */
    static LogRecord wholeNumbersAsText(LogRecord record) {
        Object[] parameters = record.getParameters();
        String message = record.getMessage();
        if (parameters == null || message == null) {
            return record;
        }
        Object[] textual = null;
        for (int i = 0; i < parameters.length; i++) {
            Object p = parameters[i];
            boolean whole = p instanceof Long || p instanceof Integer || p instanceof Short || p instanceof Byte
                    || p instanceof BigInteger;
            if (whole && !message.contains("{" + i + ",")) {
                textual = textual == null ? parameters.clone() : textual;
                textual[i] = p.toString();
            }
        }
        if (textual == null) {
            return record;
        }
        var plain = new LogRecord(record.getLevel(), message);
        plain.setParameters(textual);
        plain.setResourceBundle(record.getResourceBundle());
        return plain;
    }

    /** The bundle of the first frame on the stack that is not logging machinery. */
    private static Optional<Bundle> callerBundle() {
        return STACK.walk(frames -> frames
                .filter(f -> LOGGING_FRAMES.stream().noneMatch(f.getClassName()::startsWith))
                .findFirst()
                .map(f -> FrameworkUtil.getBundle(f.getDeclaringClass())));
    }

    @Override
    public void flush() {
        fallback.forEach(Handler::flush);
    }

    @Override
    public void close() {
        // the replaced handlers belong to whoever installed them
    }
}
