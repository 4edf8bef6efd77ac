package dev.gan4j.mnist;

/**
 * A dataset could not be loaded: files missing everywhere and not downloadable, a corrupt or
 * inconsistent file, or an invalid request. The message says what was wrong, where, and (for
 * missing files) every place looked and how to supply the files by hand. User-facing: a command
 * line prints the message without a stack trace.
 */
public final class DataLoadException extends RuntimeException {

    /** With a message. */
    public DataLoadException(String message) {
        super(message);
    }

    /** With a message and the underlying cause. */
    public DataLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
