package dev.ddbstreams.localcloud.trigger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    /** Why Lambda gave up, as the invocation record's {@code condition} says it. */
    enum Condition { RetryAttemptsExhausted, RecordAgeExceeded }

    private static final Logger LOG = LoggerFactory.getLogger(FailureRouter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<String> onFailure;
    private final FailureDestination destination;
    private final String functionName;
    private final String functionArn;
    private final String shardId;
    private final String streamArn;
    private final String batchInfoName;
    private final TriggerCounters counters;
    private final InstantSource clock;

    FailureRouter(Optional<String> onFailure, FailureDestination destination, String functionName, String functionArn,
            String shardId, String streamArn, String batchInfoName, TriggerCounters counters, InstantSource clock) {
        this.onFailure = onFailure;
        this.destination = destination;
        this.functionName = functionName;
        this.functionArn = functionArn;
        this.shardId = shardId;
        this.streamArn = streamArn;
        this.batchInfoName = batchInfoName;
        this.counters = counters;
        this.clock = clock;
    }

    /**
     * @param lastInvocation the last failed invocation, or empty when the records were never delivered
     */
    void giveUp(Batch batch, Condition condition, Optional<Invocation> lastInvocation, int invokeCount) {
        counters.batchesDiscarded.incrementAndGet();
        counters.recordsDiscarded.addAndGet(batch.records().size());
        LOG.warn("{} gave up on {} records of shard {} ({}): sequence numbers {} to {}", functionName,
                batch.records().size(), shardId, condition, batch.first().sequenceNumber(),
                batch.last().sequenceNumber());
        onFailure.ifPresent(target ->
                destination.send(target, invocationRecord(batch, condition, lastInvocation, invokeCount)));
    }

    private ObjectNode invocationRecord(Batch batch, Condition condition, Optional<Invocation> lastInvocation,
            int invokeCount) {
        ObjectNode record = JSON.createObjectNode();
        ObjectNode request = record.putObject("requestContext");
        request.put("requestId", lastInvocation.map(Invocation::requestId).orElseGet(() -> UUID.randomUUID().toString()));
        request.put("functionArn", functionArn);
        request.put("condition", condition.name());
        request.put("approximateInvokeCount", invokeCount);
        ObjectNode response = record.putObject("responseContext");
        response.put("statusCode", 200);
        response.put("executedVersion", "$LATEST");
        response.put("functionError", lastInvocation.isPresent() ? "Unhandled" : "");
        record.put("version", "1.0");
        record.put("timestamp", clock.instant().toString());
        ObjectNode info = record.putObject(batchInfoName);
        info.put("shardId", shardId);
        info.put("startSequenceNumber", batch.first().sequenceNumber());
        info.put("endSequenceNumber", batch.last().sequenceNumber());
        info.put("approximateArrivalOfFirstRecord", batch.first().created().toString());
        info.put("approximateArrivalOfLastRecord", batch.last().created().toString());
        info.put("batchSize", batch.records().size());
        info.put("streamArn", streamArn);
        return record;
    }
}
