package dev.ddbstreams.archive;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ddbstreams.failures.Failure;
import dev.ddbstreams.failures.FailureClassifier;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.ChangeRecordException;
import dev.ddbstreams.records.ChangeRecords;
import dev.ddbstreams.records.PartialBatchResponse;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The archive's core: a batch of stream records in, PutRecordBatch calls out, a partial batch
 * response back.
 *
 * <ol>
 *   <li>Each change becomes one {@link ArchiveLine}.</li>
 *   <li><b>Poison records.</b> Two faults can never go away on a retry: a record that is not a
 *       change record at all (a number that is not one, an attribute with no type), and a change
 *       whose line is over Firehose's 1,000 KiB record limit. Either goes whole to the
 *       {@link Quarantine} (the handler's S3 bucket), and the batch goes on without it. An
 *       oversized change still leaves a marker line in the archive, without its images
 *       ({@link OversizedChanges}: a log line and a metric), so a query sees that it happened and
 *       the quarantine holds the images. If the quarantine cannot keep a record (S3 failed), the
 *       lines before it are sent and the response names it: it is retried, never skipped.</li>
 *   <li>With {@code onlyTtlDeletes}, changes other than TTL deletes are skipped (defence in depth
 *       behind the trigger's FilterCriteria).</li>
 *   <li>With {@code packLines}, consecutive lines are packed into one Firehose record of up to
 *       1,000 KiB. Firehose writes records to S3 as they are, so the objects are the same, but
 *       ingestion is billed per record in 5 KB steps: a 600-byte line alone is billed as 5 KB.</li>
 *   <li>Records go out in calls within the limits ({@link FirehoseLimits}), in order, each through
 *       {@link PutRecordBatchSender} (failed entries resent, bounded).</li>
 * </ol>
 *
 * <p>Failure mode: Firehose's failures are transient (its per-record {@code ErrorCode}s, a
 * throttled or 5xx call): if a call still has records not accepted after its bound, later calls
 * are not sent and the response names the earliest change not accepted; Lambda retries from it.
 * Lines that were accepted after it are sent again then: duplicates, removed at query time by
 * eventID. Delivery is at least once. See
 * https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html
 */
public final class ChangeArchiver {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeArchiver.class);

    /**
     * Where a record that can never be archived goes, whole, as Lambda delivered it. Throws
     * {@link SdkException} (S3 answered an error after the quarantine's own retries, or did not
     * answer) or {@link UncheckedIOException} (an I/O error no SDK call wrapped) when it could not
     * keep it: both can go away (S3 recovers, an operator fixes the role or the bucket), so the
     * record is reported and retried, never skipped. Anything else it throws is a bug (it encodes
     * every attribute shape; jackson-core escapes even a lone surrogate) and is not caught: the
     * invocation fails and Lambda retries the whole batch, nothing skipped, the stack trace in the
     * log.
     */
    @FunctionalInterface
    public interface Quarantine {

        /** @return where it was kept (the object's key) */
        String keep(DynamodbStreamRecord record, Failure failure);
    }

    private final PutRecordBatchSender sender;
    private final OversizedChanges oversized;
    private final Quarantine quarantine;
    private final boolean onlyTtlDeletes;
    private final boolean packLines;

    public ChangeArchiver(PutRecordBatchSender sender, OversizedChanges oversized, Quarantine quarantine,
            boolean onlyTtlDeletes, boolean packLines) {
        this.sender = sender;
        this.oversized = oversized;
        this.quarantine = quarantine;
        this.onlyTtlDeletes = onlyTtlDeletes;
        this.packLines = packLines;
    }

    /** A Firehose record: one or more whole lines, and the change of its first line. */
    private record Packed(ChangeRecord firstChange, byte[] data) {
    }

    public StreamsEventResponse archive(List<DynamodbStreamRecord> records) {
        List<ChangeRecord> changes = new ArrayList<>();
        List<byte[]> lines = new ArrayList<>();
        Optional<String> notKept = Optional.empty();
        for (DynamodbStreamRecord raw : records) {
            ChangeRecord change;
            try {
                change = ChangeRecords.fromLambda(raw);
            } catch (ChangeRecordException e) {
                if (!keep(raw, FailureClassifier.classify(e))) {
                    // Without a sequence number no partial batch response can name it: retry the batch.
                    notKept = Optional.of(ChangeRecords.sequenceNumber(raw).orElseThrow(() -> new IllegalStateException(
                            "record " + raw.getEventID() + " has no sequence number and could not be quarantined")));
                    break;
                }
                continue;
            }
            if (onlyTtlDeletes && !change.ttlDelete()) {
                continue;
            }
            byte[] line = ArchiveLine.of(change);
            if (line.length > FirehoseLimits.MAX_RECORD_BYTES) {
                if (!keep(raw, Failure.permanent(line.length + " bytes as a line, over Firehose's "
                        + FirehoseLimits.MAX_RECORD_BYTES + "-byte record limit"))) {
                    notKept = Optional.of(change.sequenceNumber());
                    break;
                }
                oversized.report(change.eventId(), change.sequenceNumber(), line.length);
                line = ArchiveLine.oversized(change, line.length);
            }
            changes.add(change);
            lines.add(line);
        }
        List<Packed> packed = pack(changes, lines);
        List<List<byte[]>> calls = FirehoseLimits.calls(packed.stream().map(Packed::data).toList());
        int offset = 0;
        for (List<byte[]> call : calls) {
            PutRecordBatchSender.Sent sent = sender.send(call);
            if (!sent.allAccepted()) {
                ChangeRecord first = packed.get(offset + sent.notAccepted().get(0)).firstChange();
                LOG.warn("{} records still not accepted after {} calls ({}); retrying from eventID {} (seq {})",
                        sent.notAccepted().size(), sent.calls(), sent.lastError(), first.eventId(),
                        first.sequenceNumber());
                return PartialBatchResponse.failedFrom(first);
            }
            offset += call.size();
        }
        return notKept.map(PartialBatchResponse::failedFrom).orElseGet(PartialBatchResponse::success);
    }

    /** Quarantines a record; false (logged) when the quarantine failed and the record must be retried. */
    private boolean keep(DynamodbStreamRecord record, Failure failure) {
        try {
            String key = quarantine.keep(record, failure);
            LOG.warn("Quarantined record {} (seq {}) as {}: {}", record.getEventID(),
                    ChangeRecords.sequenceNumber(record).orElse("?"), key, failure.reason());
            return true;
        } catch (SdkException | UncheckedIOException e) {
            LOG.warn("Could not quarantine record {} ({}); it is retried: {}", record.getEventID(), failure.reason(),
                    e.toString());
            return false;
        }
    }

    private List<Packed> pack(List<ChangeRecord> changes, List<byte[]> lines) {
        List<Packed> packed = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            ChangeRecord first = changes.get(i);
            if (!packLines) {
                packed.add(new Packed(first, lines.get(i++)));
                continue;
            }
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            while (i < lines.size() && data.size() + lines.get(i).length <= FirehoseLimits.MAX_RECORD_BYTES) {
                data.writeBytes(lines.get(i++));
            }
            packed.add(new Packed(first, data.toByteArray()));
        }
        return packed;
    }
}
