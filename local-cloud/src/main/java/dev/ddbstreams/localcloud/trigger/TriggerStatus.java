package dev.ddbstreams.localcloud.trigger;

import dev.ddbstreams.localcloud.template.StreamTriggerDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A trigger's settings, position and counters at one moment, like
 * {@code aws lambda list-event-source-mappings} and the function's metrics would show them.
 *
 * @param shards each shard's id, state and last sequence number read
 * @param iteratorAge Lambda's {@code IteratorAge} metric at the latest invocation with records: how
 *     old the batch's last record was when the batch was sent (empty before the first). Measured
 *     from when the trigger read the record, since DynamoDB Local truncates creation times to the
 *     minute: locally it leaves out the time a record waited in the stream before a poll read it.
 *     See https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html
 * @param lastResult the outcome of the latest invocation, in words
 */
public record TriggerStatus(String functionName, String streamArn, StreamTriggerDefinition settings,
        List<ShardPosition> shards, Counts counts, Optional<Duration> iteratorAge, String lastResult) {

    public record ShardPosition(String shardId, String state, String lastSequenceRead) {
    }

    /**
     * @param recordsProcessed records in batches that succeeded (or were reported as succeeded)
     * @param recordsDiscarded records in batches given up on (retries or record age ran out)
     */
    public record Counts(long recordsRead, long recordsFilteredOut, long recordsProcessed, long invocations,
            long functionErrors, long timeouts, long partialFailures, long retries, long bisections,
            long duplicateDeliveries, long batchesDiscarded, long recordsDiscarded, long iteratorRenewals) {
    }
}
