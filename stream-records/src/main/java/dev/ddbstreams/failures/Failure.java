package dev.ddbstreams.failures;

import dev.ddbstreams.limits.LimitViolation;
import java.util.Objects;
import java.util.Optional;

/**
 * Why one record failed and whether retrying it can help: {@link Kind#PERMANENT} (the record can
 * never succeed as it is: quarantine it and move on) or {@link Kind#TRANSIENT} (retry it; nothing
 * about the record is wrong).
 *
 * @param violation the DynamoDB limit the record breaks, when that is the reason
 */
public record Failure(Kind kind, String reason, Optional<LimitViolation> violation) {

    public enum Kind {
        PERMANENT,
        TRANSIENT
    }

    public Failure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(violation, "violation");
    }

    public static Failure permanent(String reason) {
        return new Failure(Kind.PERMANENT, reason, Optional.empty());
    }

    /** Permanent because the record breaks a DynamoDB limit; the reason is the violation's message. */
    public static Failure permanent(LimitViolation violation) {
        return new Failure(Kind.PERMANENT, violation.message(), Optional.of(violation));
    }

    /** Named so because {@code transient} is a Java keyword. */
    public static Failure transientFailure(String reason) {
        return new Failure(Kind.TRANSIENT, reason, Optional.empty());
    }

    public boolean isPermanent() {
        return kind == Kind.PERMANENT;
    }
}
