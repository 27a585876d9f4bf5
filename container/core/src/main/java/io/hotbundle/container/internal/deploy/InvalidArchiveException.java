package io.hotbundle.container.internal.deploy;

/** A file in the deploy folder that cannot be installed. The message is one line, meant for the operator. */
public final class InvalidArchiveException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidArchiveException(String reason) {
        super(reason, null, false, false);
    }
}
