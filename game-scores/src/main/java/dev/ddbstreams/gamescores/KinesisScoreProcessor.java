package dev.ddbstreams.gamescores;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ddbstreams.records.PartialBatchResponse;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.util.List;
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
 *   <li><b>Valid UTF-8 but not a score event</b> (other JSON, plain text): logged and skipped. A
 *       stream is often shared by several kinds of events, and retrying cannot turn one into a
 *       score; failing it would only hold up the shard behind it.</li>
 *   <li><b>Not valid UTF-8</b>: corrupt data, reported as a batch item failure rather than
 *       skipped, so that it is retried and, once the retries are used up, named in the on-failure
 *       destination instead of vanishing.</li>
 *   <li><b>A DynamoDB error</b> (throttling, say): reported as a batch item failure.</li>
 * </ul>
 *
 * <p>Processing stops at the first failure and reports only that record's sequence number. Lambda
 * resumes from the lowest reported sequence number anyway, so the records after it are sent again
 * whatever this function does with them now; stopping keeps the records in stream order and saves
 * writes that the retry would repeat. Records before it are done: Lambda checkpoints past them.
 * See https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-batchfailurereporting.html
 */
public final class KinesisScoreProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisScoreProcessor.class);
    /** Payloads longer than this are cut in DEBUG logs. */
    private static final int LOGGED_CHARACTERS = 256;

    private final ScoreRecordWriter writer;

    public KinesisScoreProcessor(ScoreRecordWriter writer) {
        this.writer = writer;
    }

    public StreamsEventResponse process(List<KinesisEvent.KinesisEventRecord> records) {
        for (KinesisEvent.KinesisEventRecord record : records) {
            KinesisEvent.Record kinesis = record.getKinesis();
            String sequenceNumber = kinesis.getSequenceNumber();
            String partitionKey = kinesis.getPartitionKey();
            ByteBuffer data = kinesis.getData();
            String text;
            try {
                text = KinesisPayload.decodeUtf8(data);
            } catch (CharacterCodingException e) {
                LOG.warn("record seq {} (partition key {}, {} bytes) is not valid UTF-8: reported as failed, "
                        + "Lambda retries from it", sequenceNumber, partitionKey, data.remaining());
                return PartialBatchResponse.failedFrom(sequenceNumber);
            }
            LOG.debug("record seq {} payload: {}", sequenceNumber, abbreviated(text));
            ScoreEvent event;
            try {
                event = ScoreEvent.parse(text);
            } catch (ScoreEvent.NotAScoreEventException e) {
                LOG.info("record seq {} (partition key {}, {} bytes) is not a score event ({}): skipped",
                        sequenceNumber, partitionKey, data.remaining(), e.getMessage());
                continue;
            }
            BigInteger recordId = RecordIds.of(record.getEventSourceARN(), record.getEventID(), sequenceNumber);
            try {
                boolean written = writer.putIfAbsent(recordId, event, record.getEventID());
                LOG.info("record seq {} (partition key {}): score {} of {} {} RecordID {}", sequenceNumber,
                        partitionKey, event.score().toPlainString(), event.username(),
                        written ? "written as" : "was already written (a redelivery) as", recordId);
            } catch (SdkException e) {
                LOG.warn("record seq {} (partition key {}): writing RecordID {} failed, reported as failed: {}",
                        sequenceNumber, partitionKey, recordId, e.toString());
                return PartialBatchResponse.failedFrom(sequenceNumber);
            }
        }
        return PartialBatchResponse.success();
    }

    private static String abbreviated(String text) {
        return text.length() <= LOGGED_CHARACTERS ? text
                : text.substring(0, LOGGED_CHARACTERS) + "... (" + text.length() + " characters)";
    }
}
