package dev.gan4j.core.checkpoint;

/** A checkpoint could not be read, verified or applied; the message says which file and why. */
public final class CheckpointException extends RuntimeException {
    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
