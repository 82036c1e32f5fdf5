package dev.ddbstreams.records;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * Renders SDK v2 DynamoDB Streams records as the JSON Lambda sends to a function, so a local
 * event source mapping can hand a handler the very event it would get on AWS (deserialised with
 * the Lambda runtime's own serialisation library).
 *
 * <p>ApproximateCreationDateTime is written in epoch seconds, as Lambda does; a time with
 * milliseconds is written as a decimal ({@code 1479499740.123}), which the Lambda serialiser
 * reads back to the millisecond. eventVersion, eventSource and awsRegion come from the record
 * when it has them, otherwise "1.1", "aws:dynamodb" and the ARN's region.
 */
public final class LambdaEventJson {

    private LambdaEventJson() {
    }

    /** A whole Lambda DynamoDB event, {@code {"Records":[...]}}, in {@link Json}'s form. */
    public static Map<String, Object> toEventJson(List<Record> records, String streamArn) {
        List<Object> array = new ArrayList<>();
        records.forEach(record -> array.add(toRecordJson(record, streamArn)));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("Records", array);
        return event;
    }

    /**
     * One record of a Lambda DynamoDB event, in {@link Json}'s form ({@link Json#toJson} writes it).
     *
     * @param record an SDK record, as {@code GetRecords} returns it
     * @param streamArn the stream it was read from: the SDK record does not carry it
     * @throws ChangeRecordException if the ARN is not a stream ARN or the record has no dynamodb section
     */
    public static Map<String, Object> toRecordJson(Record record, String streamArn) {
        StreamRecord stream = record.dynamodb();
        RecordRef ref = new RecordRef(record.eventID(), null, stream == null ? null : stream.sequenceNumber());
        StreamArn arn = StreamArn.parse(streamArn, ref);
        if (stream == null) {
            throw new ChangeRecordException(ref, "no dynamodb section");
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("eventID", record.eventID());
        json.put("eventName", record.eventNameAsString());
        json.put("eventVersion", record.eventVersion() == null ? "1.1" : record.eventVersion());
        json.put("eventSource", record.eventSource() == null ? "aws:dynamodb" : record.eventSource());
        json.put("awsRegion", record.awsRegion() == null ? arn.region() : record.awsRegion());

        Map<String, Object> dynamodb = new LinkedHashMap<>();
        json.put("dynamodb", dynamodb);
        if (stream.approximateCreationDateTime() != null) {
            dynamodb.put("ApproximateCreationDateTime", epochSeconds(stream.approximateCreationDateTime()));
        }
        if (stream.hasKeys()) {
            dynamodb.put("Keys", DynamoDbJson.toJsonValue(stream.keys()));
        }
        if (stream.hasNewImage()) {
            dynamodb.put("NewImage", DynamoDbJson.toJsonValue(stream.newImage()));
        }
        if (stream.hasOldImage()) {
            dynamodb.put("OldImage", DynamoDbJson.toJsonValue(stream.oldImage()));
        }
        dynamodb.put("SequenceNumber", stream.sequenceNumber());
        if (stream.sizeBytes() != null) {
            dynamodb.put("SizeBytes", stream.sizeBytes());
        }
        dynamodb.put("StreamViewType", stream.streamViewTypeAsString());

        if (record.userIdentity() != null) {
            Map<String, Object> identity = new LinkedHashMap<>();
            json.put("userIdentity", identity);
            identity.put("type", record.userIdentity().type());
            identity.put("principalId", record.userIdentity().principalId());
        }
        json.put("eventSourceARN", streamArn);
        return json;
    }

    // Whole seconds as an integer, like Lambda; otherwise seconds with the milliseconds a Date keeps.
    private static Object epochSeconds(Instant time) {
        long millis = time.toEpochMilli();
        if (millis % 1000 == 0) {
            return millis / 1000;
        }
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros();
    }
}
