package dev.ddbstreams.limits;

import java.util.Objects;

/**
 * One way an item breaks a DynamoDB limit: which attribute (a path such as {@code scores[2].name},
 * or {@code (item)} for the whole item), which limit, and a sentence an operator can act on, e.g.
 * "improvement is 1,500 bytes; a sort key is at most 1,024 bytes".
 */
public record LimitViolation(String attribute, Limit limit, String message) {

    public LimitViolation {
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(message, "message");
    }

    /** The limits {@link DynamoDbLimits} checks. */
    public enum Limit {
        PARTITION_KEY_SIZE,
        SORT_KEY_SIZE,
        ITEM_SIZE,
        MISSING_KEY,
        KEY_TYPE,
        EMPTY_KEY,
        NUMBER_FORMAT,
        NUMBER_PRECISION,
        NUMBER_MAGNITUDE,
        EMPTY_SET,
        DUPLICATE_IN_SET,
        NESTING_DEPTH
    }

    @Override
    public String toString() {
        return message;
    }
}
