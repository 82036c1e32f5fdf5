package dev.ddbstreams.replication;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ddbstreams.dynamodb.BatchWriteSender;
import dev.ddbstreams.dynamodb.UnprocessedItemsException;
import dev.ddbstreams.failures.Failure;
import dev.ddbstreams.failures.FailureClassifier;
import dev.ddbstreams.limits.DynamoDbLimits;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.ChangeRecordException;
import dev.ddbstreams.records.ChangeRecords;
import dev.ddbstreams.records.EventName;
import dev.ddbstreams.replication.KeyedBatch.KeyWrite;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
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
 * <p><b>Poison records.</b> A record that can never be applied (an INSERT or MODIFY without a new
 * image, a key or item over DynamoDB's limits per {@link DynamoDbLimits}, or a write DynamoDB
 * refuses with a {@code ValidationException}, say a type that does not match a replica-only index
 * key) goes whole to the {@link Quarantine}, and the batch is applied as if it had not been there:
 * a later change of the same key still applies, an earlier one is what the replica keeps. Limits
 * are checked before writing, against the target as described at start and described again before
 * a record is quarantined for them (an index dropped since no longer counts); a refused BatchWriteItem names no item, so its writes are sent one by
 * one to find the refused one, which is quarantined, and the batch is applied again without it
 * (every write is idempotent).
 *
 * A record that does not even read as a change record (a malformed event) is quarantined as
 * Lambda sent it.
 *
 * <p><b>Failure mode.</b> A write that still fails after its retries for a transient reason
 * (throttling, 5xx, a timeout) stops the batch. The response then reports
 * the earliest record that is not durably applied: a record the quarantine could not keep, or the first record
 * of a key whose write failed or was not sent, whichever comes first in stream order. Everything
 * before it is on the replica, so Lambda's checkpoint never passes an unapplied change; records at
 * and after it are redelivered. Some of those may already be applied (a key whose latest change
 * lies after the failure point but whose write went out first): a put of a full image or a delete
 * is idempotent, so applying it again is harmless. Redelivery can briefly put an older image of
 * such a key back until the batch reaches its later change again. A record the quarantine could
 * not keep (S3 failed) is reported the same way: it is retried, never skipped.
 * See https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html
 */
public final class ReplicaWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaWriter.class);

    private final BatchWriteSender sender;
    private final String targetTable;
    private final boolean skipTtlDeletes;
    private final Supplier<DynamoDbLimits> readLimits;
    private final Quarantine quarantine;
    private final SourceTable source;
    /** The target's limits as last read; read again before a record is quarantined for breaking them. */
    private DynamoDbLimits limits;

    /** Reads a source table's item as it is now (a strongly consistent GetItem), for {@link #resync}. */
    @FunctionalInterface
    public interface SourceTable {
        /** The item of {@code table} at {@code key}; empty when the table holds none. */
        Optional<Map<String, AttributeValue>> currentItem(String table, Map<String, AttributeValue> key);
    }

    /** A writer that cannot {@link #resync} (no source table to read). */
    public ReplicaWriter(BatchWriteSender sender, String targetTable, boolean skipTtlDeletes, DynamoDbLimits limits,
            Quarantine quarantine) {
        this(sender, targetTable, skipTtlDeletes, () -> limits, quarantine, (table, key) -> {
            throw new IllegalStateException("no source table to resync " + key + " from");
        });
    }

    /**
     * @param readLimits reads the target table's limits now (its key schema and indexes: {@link TableLimits}); called
     *     once here, and again before quarantining a record that breaks them, since an index may have gone since
     */
    public ReplicaWriter(BatchWriteSender sender, String targetTable, boolean skipTtlDeletes,
            Supplier<DynamoDbLimits> readLimits, Quarantine quarantine, SourceTable source) {
        this.sender = sender;
        this.source = source;
        this.targetTable = targetTable;
        this.skipTtlDeletes = skipTtlDeletes;
        this.readLimits = readLimits;
        this.quarantine = quarantine;
        this.limits = readLimits.get();
    }

    /** Applies the records (in stream order, as Lambda sends them) and says where to resume. */
    public StreamsEventResponse apply(List<DynamodbEvent.DynamodbStreamRecord> records) {
        Set<Integer> poisoned = new HashSet<>();
        int readUpTo = quarantineInvalid(records, poisoned);
        while (true) {
            List<Integer> kept = new ArrayList<>();
            for (int i = 0; i < readUpTo; i++) {
                if (!poisoned.contains(i)) {
                    kept.add(i);
                }
            }
            Outcome outcome = send(kept.stream().map(records::get).toList());
            if (outcome.poison().isEmpty()) {
                int failedFrom = outcome.failedFrom() == kept.size() ? readUpTo : kept.get(outcome.failedFrom());
                LOG.info("Applied {} of {} records ({} quarantined) as {} writes in {} BatchWriteItem calls to {}",
                        failedFrom, records.size(), poisoned.size(), outcome.sentWrites(), outcome.calls(), targetTable);
                return KeyedBatch.response(records, failedFrom);
            }
            // DynamoDB refused one write for good: keep its record aside and apply the batch again
            // without it, so the key's earlier change in the batch (if any) is what the replica gets.
            Poison poison = outcome.poison().get();
            int index = kept.get(poison.index());
            if (!Quarantine.keepOrRetry(quarantine, records.get(index), poison.failure(), LOG)) {
                return KeyedBatch.response(records, index);
            }
            poisoned.add(index);
        }
    }

    /**
     * Puts quarantined records back (a redrive): for each record's key, the replica gets the source
     * table's item as it is now, or loses the key if the source no longer holds it (unless
     * {@code skipTtlDeletes}: an archive replica cannot tell a TTL delete from a user's, and keeps
     * what it has). The record's own image is not trusted: by the time it is redriven, a later
     * change of the key may be on the replica, and putting the old image back would undo it. A
     * change the trigger applies between the read and the write could be overwritten, so the source
     * is read again after the write, and the key written again until it held still.
     *
     * <p>Failures as {@link #apply}: a write DynamoDB still refuses for good is quarantined again
     * (the same object, a newer {@code quarantinedAt}); anything else stops at the record, reported
     * as a batch item failure.
     */
    public StreamsEventResponse resync(List<DynamodbEvent.DynamodbStreamRecord> records) {
        for (int i = 0; i < records.size(); i++) {
            try {
                Optional<Failure> refused = resync(ChangeRecords.fromLambda(records.get(i)));
                if (refused.isPresent() && !Quarantine.keepOrRetry(quarantine, records.get(i), refused.get(), LOG)) {
                    return KeyedBatch.response(records, i);
                }
            } catch (ChangeRecordException | SdkException | UnprocessedItemsException | IllegalStateException e) {
                LOG.warn("Resyncing record {} from its source failed; it is retried: {}", records.get(i).getEventID(),
                        e.toString());
                return KeyedBatch.response(records, i);
            }
        }
        return KeyedBatch.response(records, records.size());
    }

    /** How often a key is written before {@link #resync} gives up on a source item that keeps changing. */
    private static final int RESYNC_WRITES = 5;

    /** @return why the target refuses the source's item for good, if it does */
    private Optional<Failure> resync(ChangeRecord record) {
        Map<String, AttributeValue> key = record.keys().attributes();
        for (int write = 0; write < RESYNC_WRITES; write++) {
            Optional<Map<String, AttributeValue>> current = source.currentItem(record.tableName(), key);
            Optional<WriteRequest> request = current.map(ReplicaWriter::put)
                    .or(() -> skipTtlDeletes ? Optional.empty() : Optional.of(delete(key)));
            if (request.isPresent()) {
                try {
                    sender.send(targetTable, List.of(request.get()));
                } catch (SdkException e) {
                    Failure failure = FailureClassifier.classify(e);
                    if (failure.isPermanent()) {
                        return Optional.of(failure);
                    }
                    throw e;
                }
            }
            if (source.currentItem(record.tableName(), key).equals(current)) {
                LOG.info("Resynced {} of {} from {}: {}", key, targetTable, record.tableName(),
                        current.isPresent() ? "put its current item" : request.isPresent() ? "deleted" : "kept");
                return Optional.empty();
            }
        }
        throw new IllegalStateException("the source item " + key + " kept changing over " + RESYNC_WRITES + " writes");
    }

    /**
     * Quarantines every record that can never be written (unreadable, no new image, a key or item
     * over DynamoDB's limits), before anything is written.
     *
     * @return the index of the first record that could not be quarantined (or the size)
     */
    private int quarantineInvalid(List<DynamodbEvent.DynamodbStreamRecord> records, Set<Integer> poisoned) {
        boolean limitsReread = false;
        for (int i = 0; i < records.size(); i++) {
            Optional<Failure> failure;
            try {
                ChangeRecord record = ChangeRecords.fromLambda(records.get(i));
                failure = validate(record);
                if (failure.isPresent() && !limitsReread) {
                    // The limits may be stale (read at init, or frozen in a SnapStart snapshot): an index
                    // dropped since must not keep quarantining what the table now takes. Once per batch.
                    limits = readLimits.get();
                    limitsReread = true;
                    failure = validate(record);
                }
            } catch (ChangeRecordException e) {
                // Not even a change record: kept as Lambda sent it, so the shard moves on.
                failure = Optional.of(FailureClassifier.classify(e));
                if (!Quarantine.keepUnreadableOrRetry(quarantine, records.get(i), failure.get(), LOG)) {
                    return i;
                }
                poisoned.add(i);
                continue;
            } catch (SdkException e) {
                LOG.warn("Cannot read the limits of {}; the batch resumes at record {}: {}", targetTable,
                        records.get(i).getEventID(), e.toString());
                return i;
            }
            if (failure.isPresent()) {
                if (!Quarantine.keepOrRetry(quarantine, records.get(i), failure.get(), LOG)) {
                    return i;
                }
                poisoned.add(i);
            }
        }
        return records.size();
    }

    private Optional<Failure> validate(ChangeRecord record) {
        try {
            Optional<WriteRequest> write = writeFor(record, skipTtlDeletes);
            return write.flatMap(request -> request.putRequest() != null
                    ? limits.checkItem(request.putRequest().item()) : limits.checkKey(request.deleteRequest().key()))
                    .map(Failure::permanent);
        } catch (ChangeRecordException e) {
            return Optional.of(FailureClassifier.classify(e));
        }
    }

    /** How far one pass got: the records applied before {@code failedFrom}, or a write DynamoDB refuses for good. */
    private record Outcome(int failedFrom, Optional<Poison> poison, int sentWrites, int calls) {
    }

    /** The record (index in the pass's records) whose write can never succeed. */
    private record Poison(int index, Failure failure) {
    }

    private Outcome send(List<DynamodbEvent.DynamodbStreamRecord> records) {
        List<KeyWrite<WriteRequest>> writes = plan(records, skipTtlDeletes).writes();
        int failedFrom = records.size();
        int sentWrites = 0;
        int calls = 0;
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
                Failure failure = FailureClassifier.classify(e);
                if (failure.isPermanent()) {
                    Optional<Poison> poison = isolate(chunk, failure);
                    if (poison.isPresent()) {
                        return new Outcome(failedFrom, poison, sentWrites, calls);
                    }
                }
                // Handled: nothing of this chunk is known to be applied, so the batch resumes before it.
                notApplied.addAll(chunk);
                LOG.warn("BatchWriteItem of {} writes to {} failed: {}", chunk.size(), targetTable, e.toString());
            }
            failedFrom = Math.min(failedFrom, notApplied.stream().mapToInt(KeyWrite::firstIndex).min().orElseThrow());
            break;
        }
        return new Outcome(failedFrom, Optional.empty(), sentWrites, calls);
    }

    /**
     * A BatchWriteItem call refused as a whole names no item: each write is sent alone, and the
     * first one DynamoDB refuses for good is the poison (its key's last change in the batch).
     * Empty when every write alone went through or failed only transiently.
     */
    private Optional<Poison> isolate(List<KeyWrite<WriteRequest>> chunk, Failure chunkFailure) {
        if (chunk.size() == 1) {
            return Optional.of(new Poison(chunk.get(0).lastIndex(), chunkFailure));
        }
        for (KeyWrite<WriteRequest> write : chunk) {
            try {
                sender.send(targetTable, List.of(write.write()));
            } catch (SdkException e) {
                Failure failure = FailureClassifier.classify(e);
                if (failure.isPermanent()) {
                    return Optional.of(new Poison(write.lastIndex(), failure));
                }
                return Optional.empty();
            }
        }
        return Optional.empty();
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
            return Optional.of(delete(record.keys().attributes()));
        }
        // requireNewImage names the record when the stream carries no new image (KEYS_ONLY, OLD_IMAGE).
        return Optional.of(put(record.requireNewImage().attributes()));
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }

    private static WriteRequest delete(Map<String, AttributeValue> key) {
        return WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build();
    }
}
