package dev.ddbstreams.localcloud.trigger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbstreams.localcloud.destinations.InvocationRecord;
import dev.ddbstreams.localcloud.destinations.InvocationRecord.Condition;
import dev.ddbstreams.localcloud.lambda.Invocation;
import java.time.InstantSource;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives up on records for one shard: counts and logs them, and sends the invocation record Lambda
 * would send to the trigger's on-failure destination, if it has one.
 */
final class FailureRouter {

    private static final Logger LOG = LoggerFactory.getLogger(FailureRouter.class);

    private final Optional<String> onFailure;
    private final FailureDestination destination;
    private final String functionName;
    private final String functionArn;
    private final String shardId;
    private final String streamArn;
    private final InvocationRecord.Source source;
    private final TriggerCounters counters;
    private final InstantSource clock;

    FailureRouter(Optional<String> onFailure, FailureDestination destination, String functionName, String functionArn,
            String shardId, String streamArn, InvocationRecord.Source source, TriggerCounters counters, InstantSource clock) {
        this.onFailure = onFailure;
        this.destination = destination;
        this.functionName = functionName;
        this.functionArn = functionArn;
        this.shardId = shardId;
        this.streamArn = streamArn;
        this.source = source;
        this.counters = counters;
        this.clock = clock;
    }

    /**
     * @param payload the event the records were (or would have been) delivered in: an S3 destination keeps it
     * @param lastInvocation the last failed invocation, or empty when the records were never delivered
     */
    void giveUp(Batch batch, Condition condition, ObjectNode payload, Optional<Invocation> lastInvocation,
            int invokeCount) {
        counters.batchesDiscarded.incrementAndGet();
        counters.recordsDiscarded.addAndGet(batch.records().size());
        LOG.warn("{} gave up on {} records of shard {} ({}): sequence numbers {} to {}", functionName,
                batch.records().size(), shardId, condition, batch.first().sequenceNumber(),
                batch.last().sequenceNumber());
        onFailure.ifPresent(target ->
                destination.send(target, invocationRecord(batch, condition, lastInvocation, invokeCount), payload));
    }

    private InvocationRecord invocationRecord(Batch batch, Condition condition, Optional<Invocation> lastInvocation,
            int invokeCount) {
        return new InvocationRecord(
                new InvocationRecord.RequestContext(
                        lastInvocation.map(Invocation::requestId).orElseGet(() -> UUID.randomUUID().toString()),
                        functionArn, condition, invokeCount),
                lastInvocation.map(invocation -> "Unhandled"), clock.instant(),
                new InvocationRecord.BatchInfo(source, shardId, batch.first().sequenceNumber(),
                        batch.last().sequenceNumber(), batch.first().created(), batch.last().created(),
                        batch.records().size(), streamArn));
    }
}
