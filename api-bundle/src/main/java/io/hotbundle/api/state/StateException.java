package io.hotbundle.api.state;

/** State that cannot be saved or restored. The message says which field and why, in one line. */
public class StateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message which field and why
     */
    public StateException(String message) {
        super(message);
    }

    /**
     * @param message which field and why
     * @param cause   what failed underneath
     */
    public StateException(String message, Throwable cause) {
        super(message, cause);
    }
}
