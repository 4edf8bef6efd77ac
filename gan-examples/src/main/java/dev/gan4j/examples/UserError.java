package dev.gan4j.examples;

/** A problem the user fixes (their machine, their arguments): reported without a stack trace. */
final class UserError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
