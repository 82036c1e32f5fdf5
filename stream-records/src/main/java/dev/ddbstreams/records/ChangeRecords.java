package dev.ddbstreams.records;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * Builds {@link ChangeRecord}s from the three ways a DynamoDB change arrives. All three give the
 * same model; the Lambda and {@code GetRecords} paths give equal records for the same change.
 *
 * <table>
 *   <caption>Where each source keeps the creation time</caption>
 *   <tr><th>Source</th><th>ApproximateCreationDateTime</th></tr>
 *   <tr><td>Lambda DynamoDB event</td><td>{@code java.util.Date} (JSON epoch seconds)</td></tr>
 *   <tr><td>SDK v2 {@code GetRecords}</td><td>{@code Instant}, cut to milliseconds to match a Date</td></tr>
 *   <tr><td>Kinesis Data Streams for DynamoDB</td><td>epoch milliseconds, or microseconds when
 *       ApproximateCreationDateTimePrecision is MICROSECOND</td></tr>
 * </table>
 *
 * <p>Every malformed input throws {@link ChangeRecordException} naming the record (eventID and
 * sequence number) and, where it applies, the image and the attribute.
 */
public final class ChangeRecords {

    private static final String TTL_IDENTITY_TYPE = "Service";
    private static final String TTL_PRINCIPAL = "dynamodb.amazonaws.com";

    private ChangeRecords() {
    }

    /**
     * Reads every record of a Lambda DynamoDB event, in order. A {@code DynamodbTimeWindowEvent}
     * is a {@code DynamodbEvent}, so tumbling-window events work too.
     *
     * <p>Stops at the first malformed record. A handler that must report which record failed
     * should call {@link #fromLambda} per record instead.
     */
    public static List<ChangeRecord> fromEvent(DynamodbEvent event) {
        List<ChangeRecord> records = new ArrayList<>();
        if (event.getRecords() != null) {
            event.getRecords().forEach(record -> records.add(fromLambda(record)));
        }
        return Collections.unmodifiableList(records);
    }

    /**
     * A Lambda record's sequence number, read without parsing the record: empty for one without a
     * {@code dynamodb} section, which only a record that is not a change record lacks.
     */
    public static Optional<String> sequenceNumber(DynamodbEvent.DynamodbStreamRecord record) {
        return Optional.ofNullable(record.getDynamodb()).map(StreamRecord::getSequenceNumber);
    }

    /** Reads one record of a Lambda DynamoDB event. */
    public static ChangeRecord fromLambda(DynamodbEvent.DynamodbStreamRecord record) {
        StreamRecord stream = record.getDynamodb();
        RecordRef ref = new RecordRef(record.getEventID(), null, stream == null ? null : stream.getSequenceNumber());
        requireEventId(ref);
        if (stream == null) {
            throw new ChangeRecordException(ref, "no dynamodb section");
        }
        ref = ref.withEventName(EventName.parse(record.getEventName(), ref));

        ChangeRecord.Fields fields = new ChangeRecord.Fields();
        fields.ref = ref;
        fields.sequenceNumberValue = sequenceNumberValue(ref);
        StreamArn arn = StreamArn.parse(record.getEventSourceARN(), ref);
        fields.eventSourceArn = record.getEventSourceARN();
        fields.tableName = arn.tableName();
        fields.region = arn.region();
        if (stream.getKeys() == null) {
            throw new ChangeRecordException(ref, "no Keys");
        }
        fields.keys = lambdaImage(stream.getKeys(), ref, "Keys");
        fields.oldImage = stream.getOldImage() == null ? null : lambdaImage(stream.getOldImage(), ref, "OldImage");
        fields.newImage = stream.getNewImage() == null ? null : lambdaImage(stream.getNewImage(), ref, "NewImage");
        if (stream.getApproximateCreationDateTime() == null) {
            throw new ChangeRecordException(ref, "no ApproximateCreationDateTime");
        }
        fields.approximateCreationTime = stream.getApproximateCreationDateTime().toInstant();
        fields.sizeBytes = requireSize(stream.getSizeBytes(), ref);
        fields.streamViewType = streamViewType(stream.getStreamViewType(), ref);
        var identity = record.getUserIdentity();
        fields.ttlDelete = isTtlDelete(ref.eventName(),
                identity == null ? null : identity.getType(), identity == null ? null : identity.getPrincipalId());
        return new ChangeRecord(fields);
    }

    /**
     * Reads one record returned by DynamoDB Streams {@code GetRecords} (SDK v2).
     *
     * @param record the SDK record
     * @param streamArn the stream it was read from: the SDK record does not carry it
     */
    public static ChangeRecord fromGetRecords(Record record, String streamArn) {
        software.amazon.awssdk.services.dynamodb.model.StreamRecord stream = record.dynamodb();
        RecordRef ref = new RecordRef(record.eventID(), null, stream == null ? null : stream.sequenceNumber());
        requireEventId(ref);
        if (stream == null) {
            throw new ChangeRecordException(ref, "no dynamodb section");
        }
        ref = ref.withEventName(EventName.parse(record.eventNameAsString(), ref));

        ChangeRecord.Fields fields = new ChangeRecord.Fields();
        fields.ref = ref;
        fields.sequenceNumberValue = sequenceNumberValue(ref);
        StreamArn arn = StreamArn.parse(streamArn, ref);
        fields.eventSourceArn = streamArn;
        fields.tableName = arn.tableName();
        fields.region = arn.region();
        if (!stream.hasKeys()) {
            throw new ChangeRecordException(ref, "no Keys");
        }
        // hasX() tells an absent image from an empty one; the getters never return null.
        fields.keys = sdkImage(stream.keys(), ref, "Keys");
        fields.oldImage = stream.hasOldImage() ? sdkImage(stream.oldImage(), ref, "OldImage") : null;
        fields.newImage = stream.hasNewImage() ? sdkImage(stream.newImage(), ref, "NewImage") : null;
        if (stream.approximateCreationDateTime() == null) {
            throw new ChangeRecordException(ref, "no ApproximateCreationDateTime");
        }
        // A Lambda event's Date holds milliseconds at most: cut to match, so both paths are equal.
        fields.approximateCreationTime = stream.approximateCreationDateTime().truncatedTo(ChronoUnit.MILLIS);
        fields.sizeBytes = requireSize(stream.sizeBytes(), ref);
        fields.streamViewType = streamViewType(stream.streamViewTypeAsString(), ref);
        Identity identity = record.userIdentity();
        fields.ttlDelete = isTtlDelete(ref.eventName(),
                identity == null ? null : identity.type(), identity == null ? null : identity.principalId());
        return new ChangeRecord(fields);
    }

    /** Reads every record of a Lambda Kinesis event whose stream Kinesis Data Streams for DynamoDB feeds. */
    public static List<ChangeRecord> fromKinesisEvent(KinesisEvent event) {
        List<ChangeRecord> records = new ArrayList<>();
        if (event.getRecords() != null) {
            event.getRecords().forEach(record -> records.add(fromKinesis(record)));
        }
        return Collections.unmodifiableList(records);
    }

    /**
     * Reads one Kinesis record holding a change record written by Kinesis Data Streams for
     * DynamoDB. The payload has no stream ARN, view type or DynamoDB sequence number, so the
     * record takes the Kinesis sequence number and eventSourceARN, and the payload's
     * {@code tableName} and {@code awsRegion}.
     *
     * <p>ApproximateCreationDateTime is in milliseconds unless ApproximateCreationDateTimePrecision
     * says MICROSECOND. When the precision field is missing it is read as milliseconds: records
     * written before the precision setting existed carry no such field and are in milliseconds.
     */
    public static ChangeRecord fromKinesis(KinesisEvent.KinesisEventRecord record) {
        KinesisEvent.Record kinesis = record.getKinesis();
        String sequenceNumber = kinesis == null ? null : kinesis.getSequenceNumber();
        RecordRef ref = new RecordRef(record.getEventID(), null, sequenceNumber);
        if (kinesis == null || kinesis.getData() == null) {
            throw new ChangeRecordException(ref, "Kinesis record has no data");
        }
        Map<String, Object> payload = readKinesisPayload(kinesis.getData(), ref);
        if (!"aws:dynamodb".equals(Json.text(payload, "eventSource"))) {
            throw new ChangeRecordException(ref, "Kinesis data is not a DynamoDB change record: eventSource is "
                    + (payload.containsKey("eventSource") ? Json.toJson(payload.get("eventSource")) : null));
        }
        // From here on, name the record by the change's eventID, as the other paths do.
        String payloadEventId = Json.text(payload, "eventID");
        if (payloadEventId == null || payloadEventId.isBlank()) {
            throw new ChangeRecordException(ref, "no eventID in the Kinesis data");
        }
        ref = new RecordRef(payloadEventId, null, sequenceNumber);
        Map<String, Object> stream = Json.asObject(payload.get("dynamodb"));
        if (stream == null) {
            throw new ChangeRecordException(ref, "no dynamodb section");
        }
        ref = ref.withEventName(EventName.parse(Json.text(payload, "eventName"), ref));

        ChangeRecord.Fields fields = new ChangeRecord.Fields();
        fields.ref = ref;
        fields.sequenceNumberValue = sequenceNumberValue(ref);
        fields.eventSourceArn = record.getEventSourceARN();
        if (fields.eventSourceArn == null || fields.eventSourceArn.isBlank()) {
            throw new ChangeRecordException(ref, "no eventSourceARN on the Kinesis record");
        }
        fields.tableName = requireText(payload, "tableName", ref);
        fields.region = requireText(payload, "awsRegion", ref);
        if (!stream.containsKey("Keys")) {
            throw new ChangeRecordException(ref, "no Keys");
        }
        fields.keys = jsonImage(stream.get("Keys"), ref, "Keys");
        fields.oldImage = stream.get("OldImage") == null ? null : jsonImage(stream.get("OldImage"), ref, "OldImage");
        fields.newImage = stream.get("NewImage") == null ? null : jsonImage(stream.get("NewImage"), ref, "NewImage");
        fields.approximateCreationTime = kinesisCreationTime(stream, ref);
        fields.sizeBytes = requireSize(longOrNull(stream.get("SizeBytes")), ref);
        fields.streamViewType = null; // Kinesis carries none
        Map<String, Object> identity = Json.asObject(payload.get("userIdentity"));
        fields.ttlDelete = isTtlDelete(ref.eventName(), Json.text(identity, "type"), Json.text(identity, "principalId"));
        return new ChangeRecord(fields);
    }

    private static Map<String, Object> readKinesisPayload(ByteBuffer data, RecordRef ref) {
        ByteBuffer view = data.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        // Decoded first, so bytes that are not UTF-8 read as U+FFFD, not as an error.
        String json = new String(bytes, StandardCharsets.UTF_8);
        Map<String, Object> payload;
        try {
            // Numbers in the Kinesis payload are read exactly; attribute numbers are JSON strings anyway.
            payload = Json.asObject(Json.parse(json, Json.Numbers.EXACT_STRIPPED));
        } catch (JsonProcessingException e) {
            throw new ChangeRecordException(ref, "Kinesis data is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
        if (payload == null) {
            throw new ChangeRecordException(ref, "Kinesis data is not a JSON object");
        }
        return payload;
    }

    private static Instant kinesisCreationTime(Map<String, Object> stream, RecordRef ref) {
        Object time = stream.get("ApproximateCreationDateTime");
        if (!(time instanceof BigInteger integer)) {
            throw new ChangeRecordException(ref, "ApproximateCreationDateTime is "
                    + (stream.containsKey("ApproximateCreationDateTime") ? Json.toJson(time) : null)
                    + ", expected epoch milliseconds or microseconds");
        }
        long value = integer.longValue();
        String precision = Json.text(stream, "ApproximateCreationDateTimePrecision");
        if (precision == null || precision.equals("MILLISECOND")) {
            return Instant.ofEpochMilli(value);
        }
        if (precision.equals("MICROSECOND")) {
            return Instant.EPOCH.plus(value, ChronoUnit.MICROS);
        }
        throw new ChangeRecordException(ref, "unknown ApproximateCreationDateTimePrecision '" + precision
                + "', expected MILLISECOND or MICROSECOND");
    }

    private static void requireEventId(RecordRef ref) {
        if (ref.eventId() == null || ref.eventId().isBlank()) {
            throw new ChangeRecordException(ref, "no eventID");
        }
    }

    private static BigInteger sequenceNumberValue(RecordRef ref) {
        String sequenceNumber = ref.sequenceNumber();
        if (sequenceNumber == null || !sequenceNumber.matches("\\d+")) {
            throw new ChangeRecordException(ref, sequenceNumber == null
                    ? "no SequenceNumber"
                    : "SequenceNumber '" + sequenceNumber + "' is not a decimal number");
        }
        return new BigInteger(sequenceNumber);
    }

    private static long requireSize(Long sizeBytes, RecordRef ref) {
        if (sizeBytes == null || sizeBytes < 0) {
            throw new ChangeRecordException(ref, "SizeBytes is " + sizeBytes + ", expected a size in bytes");
        }
        return sizeBytes;
    }

    private static StreamViewType streamViewType(String value, RecordRef ref) {
        if (value == null) {
            throw new ChangeRecordException(ref, "no StreamViewType");
        }
        StreamViewType type = StreamViewType.fromValue(value);
        if (type == null || type == StreamViewType.UNKNOWN_TO_SDK_VERSION) {
            throw new ChangeRecordException(ref, "unknown StreamViewType '" + value
                    + "', expected KEYS_ONLY, NEW_IMAGE, OLD_IMAGE or NEW_AND_OLD_IMAGES");
        }
        return type;
    }

    private static boolean isTtlDelete(EventName eventName, String identityType, String principalId) {
        return eventName == EventName.REMOVE && TTL_IDENTITY_TYPE.equals(identityType) && TTL_PRINCIPAL.equals(principalId);
    }

    private static Image lambdaImage(
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> attributes,
            RecordRef ref, String imageName) {
        AttributeLocation location = AttributeLocation.of(ref, imageName);
        return new Image(LambdaAttributeValues.toSdkMap(attributes, location), location);
    }

    private static Image sdkImage(Map<String, AttributeValue> attributes, RecordRef ref, String imageName) {
        AttributeLocation location = AttributeLocation.of(ref, imageName);
        AttributeChecks.checkMap(attributes, location);
        return new Image(Collections.unmodifiableMap(new LinkedHashMap<>(attributes)), location);
    }

    private static Image jsonImage(Object typedImage, RecordRef ref, String imageName) {
        AttributeLocation location = AttributeLocation.of(ref, imageName);
        return new Image(DynamoDbJson.toAttributeMap(typedImage, location), location);
    }

    // A JSON number that fits a long, as databind's canConvertToLong read it: a fraction is cut.
    private static Long longOrNull(Object number) {
        if (number instanceof BigInteger integer) {
            return integer.bitLength() < 64 ? integer.longValue() : null;
        }
        if (number instanceof java.math.BigDecimal decimal) {
            BigInteger whole = decimal.toBigInteger();
            return whole.bitLength() < 64 ? whole.longValue() : null;
        }
        return null;
    }

    private static String requireText(Map<String, Object> node, String field, RecordRef ref) {
        String value = Json.text(node, field);
        if (value == null || value.isBlank()) {
            throw new ChangeRecordException(ref, "no " + field);
        }
        return value;
    }
}
