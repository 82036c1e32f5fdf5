package dev.ddbstreams.localcloud.metrics;

import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Reads a member of any SDK model object by its API name ({@code "TableName"}, {@code "Records"}).
 *
 * <p>Why by name: the interceptor sees every service's calls, but this module does not depend
 * on the Firehose or Kinesis SDKs, and the members it needs (stream names, records, consumed
 * capacity) have the same names across the operations that carry them.
 */
final class ModelFields {

    private ModelFields() {
    }

    static Optional<SdkField<?>> field(SdkPojo pojo, String member) {
        for (SdkField<?> field : pojo.sdkFields()) {
            if (field.memberName().equals(member)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }

    /** The member's value; empty if the object has no such member or it is not set. */
    static Optional<Object> value(Object pojo, String member) {
        if (!(pojo instanceof SdkPojo sdkPojo)) {
            return Optional.empty();
        }
        return field(sdkPojo, member).map(field -> field.getValueOrDefault(sdkPojo));
    }

    static Optional<String> string(Object pojo, String member) {
        return value(pojo, member).filter(String.class::isInstance).map(String.class::cast);
    }

    /** A list member; empty list if absent (the SDK's own convention for unset lists). */
    static List<?> list(Object pojo, String member) {
        return value(pojo, member).filter(List.class::isInstance).map(value -> (List<?>) value).orElse(List.of());
    }

    static long number(Object pojo, String member) {
        return value(pojo, member).filter(Number.class::isInstance).map(value -> ((Number) value).longValue())
                .orElse(0L);
    }
}
