package dev.ddbstreams.quarantine;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import dev.ddbstreams.failures.Failure;
import dev.ddbstreams.failures.QuarantineKeys;
import dev.ddbstreams.lambda.FunctionEnvironment;
import dev.ddbstreams.records.ChangeRecord;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps records that can never succeed in an S3 bucket, whole, so the shard can move on and an
 * operator can read them and put them back through the handler once the cause is fixed.
 *
 * <p>One JSON object per record (see {@link QuarantinedRecord}) at
 * {@code <function>/<yyyy>/<MM>/<dd>/<shard or stream>/<sequenceNumber>.json} (DynamoDB:
 * {@code <sequenceNumber>_<eventID>.json}). Every part of the
 * key comes from the record itself: the date is the record's own time (DynamoDB: its approximate
 * creation time; Kinesis: its approximate arrival time, UTC), the shard is the Kinesis shard
 * (from the eventID) or, for DynamoDB, whose Lambda records name no shard, the stream (table and
 * stream label), and a sequence number (with, for DynamoDB, whose sequence numbers are documented
 * unique per shard only, the record's eventID) names the record within it. So when Lambda retries a batch
 * after the quarantine was written (the handler failed later, or crashed), the same record is
 * written to the same key again: PutObject replaces it, and the quarantine holds each record
 * once, however often it was delivered. Only {@code quarantinedAt} in the content changes.
 *
 * <p>A failed PutObject throws: the handler must then fail the record (report it in its batch
 * item failures) rather than move past a record it did not keep. A handler writes through
 * {@link PutObjectBucket}, built once; locally the SDK's standard configuration
 * ({@code aws.endpointUrlS3}) points it at the local cloud's S3.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html">Lambda: error handling for DynamoDB event sources</a>
 */
public final class S3Quarantine {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private final QuarantineBucket bucket;
    private final InstantSource clock;

    public S3Quarantine(QuarantineBucket bucket, InstantSource clock) {
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A function's quarantine, from its constructor: the bucket its template names in
     * {@code QUARANTINE_BUCKET}, written with {@link PutObjectBucket}.
     */
    public static S3Quarantine ofFunction() {
        return new S3Quarantine(PutObjectBucket.of(FunctionEnvironment.require("QUARANTINE_BUCKET")), InstantSource.system());
    }

    public String bucket() {
        return bucket.name();
    }

    /**
     * Writes a DynamoDB change record (delivered by a DynamoDB stream trigger) to the quarantine.
     *
     * @return the object's key
     */
    public String quarantine(ChangeRecord record, Failure failure, String function) {
        String key = key(function, record.approximateCreationTime(), stream(record.eventSourceArn()),
                withEventId(record.sequenceNumber(), record.eventId()));
        return put(key, QuarantineJson.dynamoDbRecord(record), QuarantinedRecord.Source.DYNAMODB, failure, function);
    }

    /**
     * Writes a DynamoDB record that does not even parse as a change record, exactly as the Lambda
     * event holds it (see {@link #quarantine(ChangeRecord, Failure, String)} for one that does). Its
     * key is built like a change record's from whatever the record has: without a creation time
     * the day is today's, without a sequence number the name is its eventID, without either a
     * hash of its content, so a retried batch still rewrites the same object.
     *
     * @return the object's key
     */
    public String quarantine(DynamodbEvent.DynamodbStreamRecord record, Failure failure, String function) {
        Map<String, Object> json = QuarantineJson.dynamoDbRawRecord(record);
        var dynamodb = record.getDynamodb();
        Instant time = dynamodb == null || dynamodb.getApproximateCreationDateTime() == null ? clock.instant()
                : dynamodb.getApproximateCreationDateTime().toInstant();
        String name = dynamodb != null && dynamodb.getSequenceNumber() != null
                ? withEventId(dynamodb.getSequenceNumber(), record.getEventID())
                : record.getEventID() != null ? record.getEventID() : QuarantineJson.contentHash(json);
        String key = key(function, time, stream(record.getEventSourceARN()), safe(name));
        return put(key, json, QuarantinedRecord.Source.DYNAMODB, failure, function);
    }

    /**
     * Writes a raw Kinesis record, whatever its data holds (not UTF-8, not JSON), to the quarantine.
     *
     * @return the object's key
     * @throws IllegalArgumentException if the record has no sequence number or arrival time (Lambda always sends both)
     */
    public String quarantine(KinesisEvent.KinesisEventRecord record, Failure failure, String function) {
        KinesisEvent.Record kinesis = record.getKinesis();
        if (kinesis == null || kinesis.getSequenceNumber() == null || kinesis.getApproximateArrivalTimestamp() == null) {
            throw new IllegalArgumentException("Kinesis record " + record.getEventID()
                    + " has no sequence number or approximate arrival time");
        }
        String eventId = record.getEventID() == null ? "" : record.getEventID();
        String arn = record.getEventSourceARN() == null ? "" : record.getEventSourceARN();
        String shard = eventId.contains(":") ? eventId.substring(0, eventId.indexOf(':')) : arn.substring(arn.lastIndexOf('/') + 1);
        String key = key(function, kinesis.getApproximateArrivalTimestamp().toInstant(), shard, kinesis.getSequenceNumber());
        return put(key, QuarantineJson.kinesisRecord(record), QuarantinedRecord.Source.KINESIS, failure, function);
    }

    /**
     * Writes something a handler could not apply that is no single record: a tumbling window's
     * increment of one aggregate item that DynamoDB refused at commit. Its key is built like a
     * record's, dated by the window's start and named by the caller (the same name on every retry).
     *
     * @param windowStart the window's start, an ISO-8601 instant as Lambda's event gives it
     * @param increment the object's {@code record} ({@link dev.ddbstreams.records.Json}'s form): what was to be
     *     applied, where, and what was there
     * @param records those of the window's records still at hand (the final invocation's) that
     *     touched the item, kept under {@code records} as Lambda sent them
     * @return the object's key
     */
    public String quarantineIncrement(String streamArn, String windowStart, String name, Map<String, Object> increment,
            List<ChangeRecord> records, Failure failure, String function) {
        String key = key(function, Instant.parse(windowStart), stream(streamArn), safe(name));
        Map<String, Object> content = new LinkedHashMap<>(increment);
        List<Object> kept = new ArrayList<>();
        records.forEach(record -> kept.add(QuarantineJson.dynamoDbRecord(record)));
        content.put("records", kept);
        return put(key, content, QuarantinedRecord.Source.WINDOW_INCREMENT, failure, function);
    }

    /** Every quarantined record's key for one function, in the order to redrive them ({@link QuarantineKeys}). */
    public List<String> keys(String function) {
        List<String> keys = new ArrayList<>(bucket.keys(function + "/"));
        keys.sort(QuarantineKeys.REDRIVE_ORDER);
        return keys;
    }

    /** Reads one quarantined record back. */
    public QuarantinedRecord read(String key) {
        return QuarantineJson.read(key, bucket.read(key));
    }

    private String put(String key, Map<String, Object> record, QuarantinedRecord.Source source, Failure failure, String function) {
        byte[] document = QuarantineJson.document(record, source, failure, function, clock.instant());
        bucket.put(key, document);
        return key;
    }

    /** {@code <table>.<stream label>} from a stream ARN ({@code ...:table/votes/stream/2026-...}). */
    private static String stream(String streamArn) {
        int table = streamArn == null ? -1 : streamArn.indexOf(":table/");
        int label = table < 0 ? -1 : streamArn.indexOf("/stream/", table);
        if (label < 0) {
            return "unknown-stream";
        }
        return safe(streamArn.substring(table + ":table/".length(), label) + "." + streamArn.substring(label + "/stream/".length()));
    }

    /**
     * {@code <sequenceNumber>_<eventID>}: DynamoDB documents sequence numbers as unique within a
     * shard only, and a Lambda record names no shard; the eventID tells two records apart.
     */
    private static String withEventId(String sequenceNumber, String eventId) {
        return eventId == null || eventId.isEmpty() ? sequenceNumber
                : sequenceNumber + QuarantineKeys.EVENT_ID_SEPARATOR + safe(eventId);
    }

    /** A key part without the characters that would add a folder or need escaping. */
    private static String safe(String part) {
        return part.replace(':', '-').replace('/', '-');
    }

    private static String key(String function, Instant time, String shardOrStream, String sequenceNumber) {
        return function + "/" + DAY.format(time) + "/" + shardOrStream + "/" + sequenceNumber + ".json";
    }
}
