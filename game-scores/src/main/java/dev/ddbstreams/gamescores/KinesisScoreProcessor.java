package dev.ddbstreams.gamescores;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ddbstreams.failures.Failure;
import dev.ddbstreams.failures.FailureClassifier;
import dev.ddbstreams.limits.LimitViolationException;
import dev.ddbstreams.records.PartialBatchResponse;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns a batch of Kinesis records into score records, in order, and says where Lambda must
 * resume.
 *
 * <p>For each record: decode its data as strict UTF-8; if it is a {@link ScoreEvent}, put it into
 * GameScoreRecords under a RecordID derived from the Kinesis record ({@link RecordIds}), once
 * ({@link ScoreRecordWriter}); log one line with its sequence number and partition key.
 *
 * <ul>
 *   <li><b>Poison: a record that can never be written</b> (data that is not UTF-8, not JSON, not a
 *       score event: a field missing or of the wrong type, a Username over DynamoDB's 2,048-byte
 *       key limit, a Score DynamoDB cannot store, an item over 400 KB, or any write DynamoDB
 *       refuses with a {@code ValidationException}): kept whole, its bytes exactly, in the
 *       {@link Quarantine}, and the batch goes on. Retrying cannot change such a record; failing
 *       it would stall the shard, and once the retries ran out Lambda would give up on the valid
 *       records behind it too.</li>
 *   <li><b>Transient: a DynamoDB error</b> (throttling, 5xx, a timeout), or a quarantine that
 *       could not keep a poison record (S3 failed): reported as a batch item failure.</li>
 * </ul>
 *
 * <p>Processing stops at the first transient failure and reports only that record's sequence
 * number. Lambda resumes from the lowest reported sequence number anyway, so the records after it
 * are sent again whatever this function does with them now; stopping keeps the records in stream
 * order and saves writes that the retry would repeat. Records before it are done (written, or
 * quarantined): Lambda checkpoints past them, and a redelivery writes nothing twice (the put is
 * conditional, the quarantine key is the record's own).
 * See https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-batchfailurereporting.html
 */
public final class KinesisScoreProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisScoreProcessor.class);
    /** Payloads longer than this are cut in DEBUG logs. */
    private static final int LOGGED_CHARACTERS = 256;

    /**
     * Where a record that can never be written goes, whole, as Lambda delivered it. Throws
     * ({@link SdkException}) when it could not keep it: the record is then retried.
     */
    @FunctionalInterface
    public interface Quarantine {

        /** @return where it was kept (the object's key) */
        String keep(KinesisEvent.KinesisEventRecord record, Failure failure);
    }

    private final ScoreRecordWriter writer;
    private final Quarantine quarantine;

    public KinesisScoreProcessor(ScoreRecordWriter writer, Quarantine quarantine) {
        this.writer = writer;
        this.quarantine = quarantine;
    }

    public StreamsEventResponse process(List<KinesisEvent.KinesisEventRecord> records) {
        for (KinesisEvent.KinesisEventRecord record : records) {
            String sequenceNumber = record.getKinesis().getSequenceNumber();
            Optional<Failure> failure = write(record);
            if (failure.isEmpty()) {
                continue;
            }
            if (!failure.get().isPermanent() || !keep(record, failure.get())) {
                return PartialBatchResponse.failedFrom(sequenceNumber);
            }
        }
        return PartialBatchResponse.success();
    }

    /** Writes one record's score; empty when done (written now or before), else why not. */
    private Optional<Failure> write(KinesisEvent.KinesisEventRecord record) {
        KinesisEvent.Record kinesis = record.getKinesis();
        String sequenceNumber = kinesis.getSequenceNumber();
        String partitionKey = kinesis.getPartitionKey();
        String text;
        try {
            text = KinesisPayload.decodeUtf8(kinesis.getData());
        } catch (CharacterCodingException e) {
            return Optional.of(Failure.permanent("the data (" + kinesis.getData().remaining()
                    + " bytes) is not valid UTF-8"));
        }
        LOG.debug("record seq {} payload: {}", sequenceNumber, abbreviated(text));
        ScoreEvent event;
        try {
            event = ScoreEvent.parse(text);
        } catch (ScoreEvent.NotAScoreEventException e) {
            return Optional.of(Failure.permanent("not a score event: " + e.getMessage()));
        }
        BigInteger recordId = RecordIds.of(record.getEventSourceARN(), record.getEventID(), sequenceNumber);
        try {
            boolean written = writer.putIfAbsent(recordId, event, record.getEventID());
            LOG.info("record seq {} (partition key {}): score {} of {} {} RecordID {}", sequenceNumber,
                    partitionKey, event.score().toPlainString(), abbreviated(event.username()),
                    written ? "written as" : "was already written (a redelivery) as", recordId);
            return Optional.empty();
        } catch (SdkException | LimitViolationException e) {
            Failure failure = FailureClassifier.classify(e);
            if (!failure.isPermanent()) {
                LOG.warn("record seq {} (partition key {}): writing RecordID {} failed, reported as failed: {}",
                        sequenceNumber, partitionKey, recordId, e.toString());
            }
            return Optional.of(failure);
        }
    }

    /** Quarantines a record; false (logged) when the quarantine failed and the record must be retried. */
    private boolean keep(KinesisEvent.KinesisEventRecord record, Failure failure) {
        String sequenceNumber = record.getKinesis().getSequenceNumber();
        try {
            String key = quarantine.keep(record, failure);
            LOG.warn("quarantined record seq {} (partition key {}) as {}: {}", sequenceNumber,
                    abbreviated(record.getKinesis().getPartitionKey()), key, failure.reason());
            return true;
        } catch (SdkException e) {
            LOG.warn("record seq {} could not be quarantined ({}); reported as failed: {}", sequenceNumber,
                    failure.reason(), e.toString());
            return false;
        }
    }

    private static String abbreviated(String text) {
        return text.length() <= LOGGED_CHARACTERS ? text
                : text.substring(0, LOGGED_CHARACTERS) + "... (" + text.length() + " characters)";
    }
}
