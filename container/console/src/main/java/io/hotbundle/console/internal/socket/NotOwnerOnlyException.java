package io.hotbundle.console.internal.socket;

import java.io.IOException;

/** A folder, socket or connection that is not this user's alone; the message is one line that names it. */
public final class NotOwnerOnlyException extends IOException {

    private static final long serialVersionUID = 1L;

    public NotOwnerOnlyException(String message) {
        super(message);
    }
}
