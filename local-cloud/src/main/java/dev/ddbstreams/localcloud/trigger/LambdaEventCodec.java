package dev.ddbstreams.localcloud.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbstreams.localcloud.lambda.Invocation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Lambda's side of the wire for one shard, with no state of its own: a batch becomes the event
 * JSON, and an invocation's result becomes an {@link Outcome} by the rules for partial batch
 * responses and tumbling windows.
 */
final class LambdaEventCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<Duration> windowSize;
    private final String shardId;
    private final String streamArn;
    private final boolean reportBatchItemFailures;

    LambdaEventCodec(Optional<Duration> windowSize, String shardId, String streamArn, boolean reportBatchItemFailures) {
        this.windowSize = windowSize;
        this.shardId = shardId;
        this.streamArn = streamArn;
        this.reportBatchItemFailures = reportBatchItemFailures;
    }

    /** {@code {"Records":[...]}}, plus the window's fields for a tumbling window. */
    ObjectNode event(Batch batch, ObjectNode windowState, boolean windowTerminatedEarly) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode array = event.putArray("Records");
        batch.records().forEach(r -> array.add(r.json()));
        if (batch.inWindow()) {
            ObjectNode window = event.putObject("window");
            window.put("start", batch.windowStart().toString());
            window.put("end", batch.windowStart().plus(windowSize.orElseThrow()).toString());
            event.set("state", windowState);
            event.put("shardId", shardId);
            event.put("eventSourceARN", streamArn);
            event.put("isFinalInvokeForWindow", batch.finalForWindow());
            event.put("isWindowTerminatedEarly", windowTerminatedEarly);
        }
        return event;
    }

    /** The size of the event for {@code batch} in UTF-8 bytes, were it to hold no records. */
    int envelopeBytes(Batch batch, ObjectNode windowState) {
        return event(batch.withRecords(List.of()), windowState, true).toString()
                .getBytes(StandardCharsets.UTF_8).length;
    }

    Outcome outcome(Invocation invocation, Batch batch) {
        if (!invocation.succeeded()) {
            return new Outcome.Failed(invocation.status() != Invocation.Status.TIMEOUT,
                    invocation.errorType().orElse("error") + ": " + invocation.errorMessage().orElse(""));
        }
        JsonNode response = parse(invocation.responseJson().orElse("null"));
        Optional<ObjectNode> state = Optional.empty();
        if (batch.inWindow()) {
            JsonNode stateNode = response == null ? null : response.get("state");
            if (stateNode == null || !stateNode.isObject()) {
                return new Outcome.Failed(true, "the response has no state object, which a tumbling window requires");
            }
            state = Optional.of((ObjectNode) stateNode);
        }
        if (!reportBatchItemFailures || response == null || !response.isObject()) {
            return new Outcome.Succeeded(state, "success");
        }
        JsonNode failures = response.get("batchItemFailures");
        if (failures == null || failures.isNull() || (failures.isArray() && failures.isEmpty())) {
            return new Outcome.Succeeded(state, "success");
        }
        if (!failures.isArray()) {
            return new Outcome.Failed(true, "batchItemFailures is " + failures.getNodeType().name().toLowerCase()
                    + ", not a list: the whole batch failed");
        }
        int lowest = Integer.MAX_VALUE;
        for (JsonNode failure : failures) {
            JsonNode identifier = failure.get("itemIdentifier");
            int index = identifier == null || !identifier.isTextual() ? -1 : indexOf(batch, identifier.asText());
            if (index < 0) {
                return new Outcome.Failed(false, "batchItemFailures names " + failure
                        + ", which is no sequence number of this batch: the whole batch failed");
            }
            lowest = Math.min(lowest, index);
        }
        return new Outcome.PartlyFailed(lowest, "partial failure from sequence number "
                + batch.records().get(lowest).sequenceNumber());
    }

    private static int indexOf(Batch batch, String sequenceNumber) {
        List<PendingRecord> records = batch.records();
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).sequenceNumber().equals(sequenceNumber)) {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
