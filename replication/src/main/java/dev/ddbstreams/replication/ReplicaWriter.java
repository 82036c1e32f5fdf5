package dev.ddbstreams.replication;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ddbstreams.dynamodb.BatchWriteSender;
import dev.ddbstreams.dynamodb.UnprocessedItemsException;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.EventName;
import dev.ddbstreams.replication.KeyedBatch.KeyWrite;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Applies one batch of stream records to the replica table, so that after it the replica holds,
 * for every key the batch touched, the item as of the batch's last change of that key.
 *
 * <ul>
 *   <li>INSERT and MODIFY put the whole new image (SDK {@code AttributeValue}s as the stream gave
 *       them: numbers, sets and binary are copied exactly); REMOVE deletes the key. TTL deletes
 *       are replicated too, unless {@code skipTtlDeletes} (an archive-style replica keeps expired
 *       items).</li>
 *   <li>One write per key per batch: the latest change of a key wins, so its order is kept, and a
 *       hot key costs one write however often it changed.</li>
 *   <li>BatchWriteItem, 25 requests per call, in the order of each key's last change;
 *       UnprocessedItems are retried with bounded exponential backoff ({@link BatchWriteSender}).</li>
 * </ul>
 *
 * <p><b>Failure mode.</b> A record that cannot be read (a malformed event, an INSERT without a new
 * image) or a write that still fails after its retries stops the batch. The response then reports
 * the earliest record that is not durably applied: the first unreadable record, or the first record
 * of a key whose write failed or was not sent, whichever comes first in stream order. Everything
 * before it is on the replica, so Lambda's checkpoint never passes an unapplied change; records at
 * and after it are redelivered. Some of those may already be applied (a key whose latest change
 * lies after the failure point but whose write went out first): a put of a full image or a delete
 * is idempotent, so applying it again is harmless. Redelivery can briefly put an older image of
 * such a key back until the batch reaches its later change again.
 * See https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html
 */
public final class ReplicaWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaWriter.class);

    private final BatchWriteSender sender;
    private final String targetTable;
    private final boolean skipTtlDeletes;

    public ReplicaWriter(BatchWriteSender sender, String targetTable, boolean skipTtlDeletes) {
        this.sender = sender;
        this.targetTable = targetTable;
        this.skipTtlDeletes = skipTtlDeletes;
    }

    /** Applies the records (in stream order, as Lambda sends them) and says where to resume. */
    public StreamsEventResponse apply(List<DynamodbEvent.DynamodbStreamRecord> records) {
        KeyedBatch<WriteRequest> plan = plan(records, skipTtlDeletes);
        int failedFrom = plan.readUpTo();
        int sentWrites = 0;
        int calls = 0;
        List<KeyWrite<WriteRequest>> writes = plan.writes();
        for (int start = 0; start < writes.size(); start += BatchWriteSender.MAX_BATCH_SIZE) {
            List<KeyWrite<WriteRequest>> chunk =
                    writes.subList(start, Math.min(writes.size(), start + BatchWriteSender.MAX_BATCH_SIZE));
            List<KeyWrite<WriteRequest>> notApplied =
                    new ArrayList<>(writes.subList(start + chunk.size(), writes.size()));
            try {
                calls += sender.send(targetTable, chunk.stream().map(KeyWrite::write).toList()).calls();
                sentWrites += chunk.size();
                continue;
            } catch (UnprocessedItemsException e) {
                calls += e.calls();
                sentWrites += chunk.size() - e.unprocessedItems();
                notApplied.addAll(unprocessedOf(chunk, e.unprocessed()));
                LOG.warn("{} of {} writes to {} stayed unprocessed: {}", e.unprocessedItems(), chunk.size(), targetTable,
                        e.getMessage());
            } catch (SdkException e) {
                // Handled: nothing of this chunk is known to be applied, so the batch resumes before it.
                notApplied.addAll(chunk);
                LOG.warn("BatchWriteItem of {} writes to {} failed: {}", chunk.size(), targetTable, e.toString());
            }
            failedFrom = Math.min(failedFrom, notApplied.stream().mapToInt(KeyWrite::firstIndex).min().orElseThrow());
            break;
        }
        LOG.info("Applied {} of {} records as {} writes in {} BatchWriteItem calls to {}", failedFrom, records.size(),
                sentWrites, calls, targetTable);
        return KeyedBatch.response(records, failedFrom);
    }

    /** The writes of a chunk that DynamoDB returned as unprocessed, matched by key. */
    private static List<KeyWrite<WriteRequest>> unprocessedOf(List<KeyWrite<WriteRequest>> chunk,
            List<WriteRequest> unprocessed) {
        Set<String> keyNames = chunk.get(0).key().keySet();
        Map<Map<String, AttributeValue>, KeyWrite<WriteRequest>> byKey = new HashMap<>();
        chunk.forEach(write -> byKey.put(write.key(), write));
        List<KeyWrite<WriteRequest>> matched = new ArrayList<>();
        for (WriteRequest request : unprocessed) {
            Map<String, AttributeValue> key = keyOf(request, keyNames);
            KeyWrite<WriteRequest> write = byKey.get(key);
            if (write == null) {
                return chunk; // cannot tell which write it was: assume none of the chunk applied
            }
            matched.add(write);
        }
        return matched;
    }

    private static Map<String, AttributeValue> keyOf(WriteRequest request, Set<String> keyNames) {
        Map<String, AttributeValue> source = request.putRequest() != null
                ? request.putRequest().item() : request.deleteRequest().key();
        Map<String, AttributeValue> key = new HashMap<>();
        keyNames.forEach(name -> key.put(name, source.get(name)));
        return key;
    }

    /** One write per key, the latest change winning (see {@link KeyedBatch}). */
    static KeyedBatch<WriteRequest> plan(List<DynamodbEvent.DynamodbStreamRecord> records, boolean skipTtlDeletes) {
        return KeyedBatch.plan(records, record -> writeFor(record, skipTtlDeletes));
    }

    private static Optional<WriteRequest> writeFor(ChangeRecord record, boolean skipTtlDeletes) {
        if (record.eventName() == EventName.REMOVE) {
            if (record.ttlDelete() && skipTtlDeletes) {
                return Optional.empty();
            }
            return Optional.of(WriteRequest.builder()
                    .deleteRequest(DeleteRequest.builder().key(record.keys().attributes()).build()).build());
        }
        // requireNewImage names the record when the stream carries no new image (KEYS_ONLY, OLD_IMAGE).
        return Optional.of(WriteRequest.builder()
                .putRequest(PutRequest.builder().item(record.requireNewImage().attributes()).build()).build());
    }
}
