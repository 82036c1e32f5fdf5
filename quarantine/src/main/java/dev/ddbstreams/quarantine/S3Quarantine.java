package dev.ddbstreams.quarantine;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbstreams.failures.Failure;
import dev.ddbstreams.records.ChangeRecord;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Keeps records that can never succeed in an S3 bucket, whole, so the shard can move on and an
 * operator can read them and put them back through the handler once the cause is fixed.
 *
 * <p>One JSON object per record (see {@link QuarantinedRecord}) at
 * {@code <function>/<yyyy>/<MM>/<dd>/<shard or stream>/<sequenceNumber>.json}. Every part of the
 * key comes from the record itself: the date is the record's own time (DynamoDB: its approximate
 * creation time; Kinesis: its approximate arrival time, UTC), the shard is the Kinesis shard
 * (from the eventID) or, for DynamoDB, whose Lambda records name no shard, the stream (table and
 * stream label), and a sequence number is unique within it. So when Lambda retries a batch
 * after the quarantine was written (the handler failed later, or crashed), the same record is
 * written to the same key again: PutObject replaces it, and the quarantine holds each record
 * once, however often it was delivered. Only {@code quarantinedAt} in the content changes.
 *
 * <p>A failed PutObject throws: the handler must then fail the record (report it in its batch
 * item failures) rather than move past a record it did not keep. The client is the handler's,
 * built once; locally the SDK's standard configuration ({@code aws.endpointUrlS3}) points it at
 * the local cloud's S3.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html">Lambda: error handling for DynamoDB event sources</a>
 */
public final class S3Quarantine {

    private static final Pattern STREAM_ARN = Pattern.compile(".*:table/([^/]+)/stream/(.+)");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private final S3Client s3;
    private final String bucket;
    private final InstantSource clock;

    public S3Quarantine(S3Client s3, String bucket, InstantSource clock) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public String bucket() {
        return bucket;
    }

    /**
     * Writes a DynamoDB change record (delivered by a DynamoDB stream trigger) to the quarantine.
     *
     * @return the object's key
     */
    public String quarantine(ChangeRecord record, Failure failure, String function) {
        String stream = record.tableName() + "." + record.eventSourceArn().substring(record.eventSourceArn()
                .lastIndexOf('/') + 1).replace(':', '-');
        String key = key(function, record.approximateCreationTime(), stream, record.sequenceNumber());
        return put(key, QuarantineJson.dynamoDbRecord(record), failure, function);
    }

    /**
     * Writes a DynamoDB record that cannot even be read as a change record (a number that is not
     * one, an attribute with no type), copied field by field as Lambda delivered it, at the same
     * key a readable record would have.
     *
     * @return the object's key
     * @throws IllegalArgumentException if the record has no sequence number or creation time (Lambda always sends both)
     */
    public String quarantine(DynamodbEvent.DynamodbStreamRecord record, Failure failure, String function) {
        var stream = record.getDynamodb();
        if (stream == null || stream.getSequenceNumber() == null || stream.getApproximateCreationDateTime() == null) {
            throw new IllegalArgumentException("DynamoDB record " + record.getEventID()
                    + " has no sequence number or approximate creation time");
        }
        Matcher arn = STREAM_ARN.matcher(record.getEventSourceARN() == null ? "" : record.getEventSourceARN());
        String streamName = arn.matches() ? arn.group(1) + "." + arn.group(2).replace(':', '-') : "unknown-stream";
        String key = key(function, stream.getApproximateCreationDateTime().toInstant(), streamName,
                stream.getSequenceNumber());
        return put(key, QuarantineJson.rawDynamoDbRecord(record), failure, function);
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
        return put(key, QuarantineJson.kinesisRecord(record), failure, function);
    }

    /** Every quarantined record's key for one function, oldest day first. */
    public List<String> keys(String function) {
        List<String> keys = new ArrayList<>();
        s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(function + "/")).contents()
                .forEach(object -> keys.add(object.key()));
        return keys;
    }

    /** Reads one quarantined record back. */
    public QuarantinedRecord read(String key) {
        return QuarantineJson.read(key, s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
    }

    private String put(String key, ObjectNode record, Failure failure, String function) {
        byte[] document = QuarantineJson.document(record, failure, function, clock.instant());
        s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/json"), RequestBody.fromBytes(document));
        return key;
    }

    private static String key(String function, Instant time, String shardOrStream, String sequenceNumber) {
        return function + "/" + DAY.format(time) + "/" + shardOrStream + "/" + sequenceNumber + ".json";
    }
}
