package dev.ddbstreams.replication;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.ChangeRecordException;
import dev.ddbstreams.records.ChangeRecords;
import dev.ddbstreams.records.PartialBatchResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One batch of stream records reduced to one write per item key, the key's latest change winning,
 * for the records before {@code readUpTo} (the first record that could not be read, or all of
 * them). Writes are ordered by the key's last change; each remembers the index of the key's first
 * change too, because that is where a batch must resume when the write fails: its earlier changes
 * were folded into it. Shared by the one-way replica ({@link ReplicaWriter}) and the multi-leader
 * replicator ({@link MultiLeaderWriter}).
 *
 * @param <W> what one key's write is (a BatchWriteItem request, a versioned image...)
 * @param skipped records that needed no write (e.g. a TTL delete an archive replica keeps)
 */
record KeyedBatch<W>(List<KeyWrite<W>> writes, int readUpTo, int skipped) {

    private static final Logger LOG = LoggerFactory.getLogger(KeyedBatch.class);

    /** The one write for a key: what to write, and the indexes of the key's first and last change in the batch. */
    record KeyWrite<W>(Map<String, AttributeValue> key, W write, int firstIndex, int lastIndex) {
    }

    /** What a record comes to; empty = nothing to write. May throw {@link ChangeRecordException}: the batch stops there. */
    interface WriteFor<W> {
        Optional<W> writeFor(ChangeRecord record);
    }

    static <W> KeyedBatch<W> plan(List<DynamodbEvent.DynamodbStreamRecord> records, WriteFor<W> writeFor) {
        return plan(records, Set.of(), writeFor);
    }

    /** The same, as if the records at {@code leftOut} (quarantined already) were not in the batch. */
    static <W> KeyedBatch<W> plan(List<DynamodbEvent.DynamodbStreamRecord> records, Set<Integer> leftOut,
            WriteFor<W> writeFor) {
        Map<Map<String, AttributeValue>, KeyWrite<W>> byKey = new LinkedHashMap<>();
        int readUpTo = records.size();
        int skipped = 0;
        for (int i = 0; i < records.size(); i++) {
            if (leftOut.contains(i)) {
                continue;
            }
            Optional<W> write;
            Map<String, AttributeValue> key;
            try {
                ChangeRecord record = ChangeRecords.fromLambda(records.get(i));
                key = record.keys().attributes();
                write = writeFor.writeFor(record);
            } catch (ChangeRecordException e) {
                LOG.warn("Cannot replicate {}", e.getMessage());
                readUpTo = i;
                break;
            }
            if (write.isEmpty()) {
                skipped++;
                continue;
            }
            KeyWrite<W> earlier = byKey.get(key);
            byKey.put(key, new KeyWrite<>(key, write.get(), earlier == null ? i : earlier.firstIndex(), i));
        }
        List<KeyWrite<W>> writes = new ArrayList<>(byKey.values());
        writes.sort(Comparator.comparingInt(KeyWrite::lastIndex));
        return new KeyedBatch<>(List.copyOf(writes), readUpTo, skipped);
    }

    /**
     * The response for a batch applied up to {@code failedFrom} (exclusive): success when it is the
     * batch's size, else the partial batch response naming that record, from which Lambda retries.
     */
    static StreamsEventResponse response(List<DynamodbEvent.DynamodbStreamRecord> records, int failedFrom) {
        if (failedFrom == records.size()) {
            return PartialBatchResponse.success();
        }
        DynamodbEvent.DynamodbStreamRecord first = records.get(failedFrom);
        String sequenceNumber = first.getDynamodb() == null ? null : first.getDynamodb().getSequenceNumber();
        if (sequenceNumber == null || sequenceNumber.isBlank()) {
            // Cannot name it (Lambda never sends such a record): fail the invocation, retrying the whole batch.
            throw new IllegalStateException("record " + first.getEventID() + " failed and has no sequence number");
        }
        LOG.warn("Resuming from record {} (seq {}), {} of {} records not applied", first.getEventID(), sequenceNumber,
                records.size() - failedFrom, records.size());
        return PartialBatchResponse.failedFrom(sequenceNumber);
    }
}
