package io.hotbundle.console.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOError;
import java.io.IOException;
import java.io.InterruptedIOException;

import org.junit.jupiter.api.Test;

/**
 * Which failed terminal reads are the user's Ctrl-C, which stops the container without a word, and which are a
 * terminal lost, which the container reports before it stops. JLine wraps what went wrong in an IOError.
 */
class CtrlCTest {

    @Test
    void ctrlCWhileJLineRanSttyIsCtrlC() {
        assertTrue(TerminalConsole.killedByCtrlC(new IOError(new IOException("Failed to exec spawn helper: pid: 42, "
                + "signal: 2"))), "the SIGINT reached the stty");
        assertTrue(TerminalConsole.killedByCtrlC(new IOError(new InterruptedIOException("Command interrupted"))),
                "JLine's own Ctrl-C handler interrupted the read while it waited for the stty");
    }

    @Test
    void aTerminalThatCannotBeReadIsNot() {
        assertFalse(TerminalConsole.killedByCtrlC(new IOError(new IOException("Input/output error"))));
        assertFalse(TerminalConsole.killedByCtrlC(new IOError(null)));
    }
}
