package dev.gan4j.core.run;

/**
 * A run cannot be written where it was asked to go (the directory already holds a run, or cannot
 * be created). A user error: the message says what to change.
 */
public final class RunException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RunException(String message, Throwable cause) {
        super(message, cause);
    }
}
