package dev.ddbstreams.localcloud.metrics;

import java.util.Comparator;
import java.util.Objects;

/**
 * One row of the metrics: an SDK service (as the SDK names it: {@code DynamoDb},
 * {@code DynamoDbStreams}, {@code Firehose}, {@code Kinesis}), the resource the call touched (a
 * table, a delivery stream or a stream; empty when the call names none, as ListTables) and the
 * operation.
 */
public record MetricKey(String service, String resource, String operation) implements Comparable<MetricKey> {

    private static final Comparator<MetricKey> ORDER = Comparator.comparing(MetricKey::service)
            .thenComparing(MetricKey::resource)
            .thenComparing(MetricKey::operation);

    public MetricKey {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(operation, "operation");
    }

    @Override
    public int compareTo(MetricKey other) {
        return ORDER.compare(this, other);
    }
}
