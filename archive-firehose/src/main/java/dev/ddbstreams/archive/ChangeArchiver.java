package dev.ddbstreams.archive;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.ChangeRecordException;
import dev.ddbstreams.records.ChangeRecords;
import dev.ddbstreams.records.PartialBatchResponse;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archive's core: a batch of stream records in, PutRecordBatch calls out, a partial batch
 * response back.
 *
 * <ol>
 *   <li>Each change becomes one {@link ArchiveLine}. A line over Firehose's 1,000 KiB record limit
 *       can never be sent: it is replaced by a marker line without images and reported
 *       ({@link OversizedChanges}), so the shard moves on and the archive still holds the change's
 *       eventID, keys and time.</li>
 *   <li>With {@code onlyTtlDeletes}, changes other than TTL deletes are skipped (defence in depth
 *       behind the trigger's FilterCriteria).</li>
 *   <li>With {@code packLines}, consecutive lines are packed into one Firehose record of up to
 *       1,000 KiB. Firehose writes records to S3 as they are, so the objects are the same, but
 *       ingestion is billed per record in 5 KB steps: a 600-byte line alone is billed as 5 KB.</li>
 *   <li>Records go out in calls within the limits ({@link FirehoseLimits}), in order, each through
 *       {@link PutRecordBatchSender} (failed entries resent, bounded).</li>
 * </ol>
 *
 * <p>Failure mode: if a call still has records not accepted after its bound, later calls are not
 * sent and the response names the earliest change not accepted; Lambda retries from it. Lines
 * that were accepted after it are sent again then: duplicates, removed at query time by eventID.
 * A record that cannot be parsed is reported the same way (after the lines before it are sent),
 * and after the trigger's retries it goes to the on-failure destination. See
 * https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html
 */
public final class ChangeArchiver {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeArchiver.class);

    private final PutRecordBatchSender sender;
    private final OversizedChanges oversized;
    private final boolean onlyTtlDeletes;
    private final boolean packLines;

    public ChangeArchiver(PutRecordBatchSender sender, OversizedChanges oversized, boolean onlyTtlDeletes,
            boolean packLines) {
        this.sender = sender;
        this.oversized = oversized;
        this.onlyTtlDeletes = onlyTtlDeletes;
        this.packLines = packLines;
    }

    /** A Firehose record: one or more whole lines, and the change of its first line. */
    private record Packed(ChangeRecord firstChange, byte[] data) {
    }

    public StreamsEventResponse archive(List<DynamodbStreamRecord> records) {
        List<ChangeRecord> changes = new ArrayList<>();
        List<byte[]> lines = new ArrayList<>();
        Optional<String> unparsed = Optional.empty();
        for (DynamodbStreamRecord raw : records) {
            ChangeRecord change;
            try {
                change = ChangeRecords.fromLambda(raw);
            } catch (ChangeRecordException e) {
                LOG.error("Cannot archive record: {}", e.getMessage());
                unparsed = Optional.of(e.sequenceNumber().orElseThrow(() -> e));
                break;
            }
            if (onlyTtlDeletes && !change.ttlDelete()) {
                continue;
            }
            changes.add(change);
            lines.add(line(change));
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
        return unparsed.map(PartialBatchResponse::failedFrom).orElseGet(PartialBatchResponse::success);
    }

    private byte[] line(ChangeRecord change) {
        byte[] line = ArchiveLine.of(change);
        if (line.length <= FirehoseLimits.MAX_RECORD_BYTES) {
            return line;
        }
        oversized.report(change.eventId(), change.sequenceNumber(), line.length);
        return ArchiveLine.oversized(change, line.length);
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
