package dev.ddbstreams.records;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Builds the partial batch response of a stream handler whose event source mapping sets
 * {@code FunctionResponseTypes: [ReportBatchItemFailures]}.
 *
 * <p>The contract (<a href="https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html">
 * Lambda: batch item failures</a>): Lambda checkpoints at the <em>lowest</em> reported sequence
 * number and retries every record from there; an empty list means success. An empty, null or
 * unknown identifier fails the whole batch, so this class never produces one.
 */
public final class PartialBatchResponse {

    private PartialBatchResponse() {
    }

    /** Every record succeeded: an empty failure list. */
    public static StreamsEventResponse success() {
        return new StreamsEventResponse(new ArrayList<>());
    }

    /**
     * For handlers that keep order: processing stopped at {@code firstFailed}, so Lambda retries
     * from it, and everything after it, on the next invocation.
     */
    public static StreamsEventResponse failedFrom(ChangeRecord firstFailed) {
        Objects.requireNonNull(firstFailed, "firstFailed");
        return failedFrom(firstFailed.sequenceNumber());
    }

    /**
     * As {@link #failedFrom(ChangeRecord)} for a record that could not even be parsed: pass the
     * sequence number from {@link ChangeRecordException#sequenceNumber()} or the raw event.
     *
     * @throws IllegalArgumentException if the sequence number is null or blank
     */
    public static StreamsEventResponse failedFrom(String sequenceNumber) {
        if (sequenceNumber == null || sequenceNumber.isBlank()) {
            // Lambda would read a blank identifier as "the whole batch failed".
            throw new IllegalArgumentException("a batch item failure needs a sequence number, got '" + sequenceNumber + "'");
        }
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        failures.add(new StreamsEventResponse.BatchItemFailure(sequenceNumber));
        return new StreamsEventResponse(failures);
    }

    /**
     * For handlers that process every record and report each one that failed. Lambda still
     * retries from the lowest of them, so records after it that succeeded are sent again: the
     * handler must be idempotent. No failures means success.
     */
    public static StreamsEventResponse failed(Collection<ChangeRecord> failedRecords) {
        // Sorted by number and without duplicates, so the lowest comes first.
        TreeMap<BigInteger, String> bySequence = new TreeMap<>();
        for (ChangeRecord record : failedRecords) {
            Objects.requireNonNull(record, "failedRecords holds a null record");
            bySequence.put(record.sequenceNumberValue(), record.sequenceNumber());
        }
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        bySequence.values().forEach(sequenceNumber -> failures.add(new StreamsEventResponse.BatchItemFailure(sequenceNumber)));
        return new StreamsEventResponse(failures);
    }
}
