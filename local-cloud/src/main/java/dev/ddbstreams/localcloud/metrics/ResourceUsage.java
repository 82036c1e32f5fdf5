package dev.ddbstreams.localcloud.metrics;

/**
 * What one call did to one resource.
 *
 * @param resource table, delivery stream or stream name; empty when the call names none
 * @param items items or records written or read (see METRICS.md for each operation)
 * @param bytes payload bytes of the records sent or read (Firehose, Kinesis)
 * @param capacityAsked the request asked DynamoDB for its consumed capacity
 * @param capacityReported the response carried consumed capacity for this resource
 * @param readUnits read capacity units consumed
 * @param writeUnits write capacity units consumed
 */
public record ResourceUsage(String resource, long items, long bytes, boolean capacityAsked,
        boolean capacityReported, double readUnits, double writeUnits) {

    /** A call with nothing to count but itself. */
    public static ResourceUsage of(String resource) {
        return new ResourceUsage(resource, 0, 0, false, false, 0, 0);
    }
}
