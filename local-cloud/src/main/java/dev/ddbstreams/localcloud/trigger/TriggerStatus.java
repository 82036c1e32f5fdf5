package dev.ddbstreams.localcloud.trigger;

import dev.ddbstreams.localcloud.template.StreamTriggerDefinition;
import java.util.List;

/**
 * A trigger's settings, position and counters at one moment, like
 * {@code aws lambda list-event-source-mappings} and the function's metrics would show them.
 *
 * @param shards each shard's id, state and last sequence number read
 * @param lastResult the outcome of the latest invocation, in words
 */
public record TriggerStatus(String functionName, String streamArn, StreamTriggerDefinition settings,
        List<ShardPosition> shards, Counts counts, String lastResult) {

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
