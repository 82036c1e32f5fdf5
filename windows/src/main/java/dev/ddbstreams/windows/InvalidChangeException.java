package dev.ddbstreams.windows;

/** A change that is not a valid input of an aggregate (a vote without a region, say): skipped and reported. */
public final class InvalidChangeException extends RuntimeException {

    public InvalidChangeException(String message) {
        super(message);
    }
}
