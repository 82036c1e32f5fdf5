package dev.ddbstreams.limits;

/** Thrown by {@link DynamoDbLimits#requireValidItem}: the write can never succeed as it is. */
public final class LimitViolationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient LimitViolation violation;

    public LimitViolationException(LimitViolation violation) {
        super(violation.message());
        this.violation = violation;
    }

    public LimitViolation violation() {
        return violation;
    }
}
