package io.hotbundle.logging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a log line says of the numbers it was given, as the file and {@code log:tail} show it. */
class BundleJulHandlerTest {

    private final SimpleFormatter formatter = new SimpleFormatter();
    private Locale before;

    @BeforeEach
    void groupingLocale() {
        before = Locale.getDefault();
        Locale.setDefault(Locale.US); // groups thousands with a comma, as most operators' machines do
    }

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(before);
    }

    @Test
    void wholeNumbersReadAsWritten() {
        var record = record("swap of {0} went on after the {1} ms hold timeout (bundle {2})", "com.acme", 5000L, 1024);
        assertEquals("swap of com.acme went on after the 5000 ms hold timeout (bundle 1024)",
                formatter.formatMessage(BundleJulHandler.wholeNumbersAsText(record)));
        assertEquals(5000L, record.getParameters()[1], "the record handed to other handlers keeps its parameters");
    }

    @Test
    void aNumberTheMessageFormatsItselfIsLeftToIt() {
        var record = record("{0,number,#.#} of {1} calls, {2,number,percent}", 1234, 1234567L, 0.5);
        assertEquals("1234 of 1234567 calls, 50%", formatter.formatMessage(BundleJulHandler.wholeNumbersAsText(record)));
    }

    @Test
    void aRecordWithoutWholeNumbersIsPassedOnAsItIs() {
        var record = record("took {0} s for {1}", 1.5, "com.acme");
        assertSame(record, BundleJulHandler.wholeNumbersAsText(record));
        var bare = new LogRecord(Level.INFO, "no parameters");
        assertSame(bare, BundleJulHandler.wholeNumbersAsText(bare));
    }

    private static LogRecord record(String message, Object... parameters) {
        var record = new LogRecord(Level.INFO, message);
        record.setParameters(parameters);
        return record;
    }
}
