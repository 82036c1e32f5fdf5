package dev.ddbstreams.cli;

/** A failure the user can fix: printed as its message alone, without a stack trace. */
public class UserError extends RuntimeException {

    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
