package dev.ddbstreams.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
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

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private LambdaEventJson() {
    }

    /** A whole Lambda DynamoDB event: {@code {"Records":[...]}}. */
    public static ObjectNode toEventJson(List<Record> records, String streamArn) {
        ObjectNode event = NODES.objectNode();
        ArrayNode array = event.putArray("Records");
        records.forEach(record -> array.add(toRecordJson(record, streamArn)));
        return event;
    }

    /**
     * One record of a Lambda DynamoDB event.
     *
     * @param record an SDK record, as {@code GetRecords} returns it
     * @param streamArn the stream it was read from: the SDK record does not carry it
     * @throws ChangeRecordException if the ARN is not a stream ARN or the record has no dynamodb section
     */
    public static ObjectNode toRecordJson(Record record, String streamArn) {
        StreamRecord stream = record.dynamodb();
        RecordRef ref = new RecordRef(record.eventID(), null, stream == null ? null : stream.sequenceNumber());
        StreamArn arn = StreamArn.parse(streamArn, ref);
        if (stream == null) {
            throw new ChangeRecordException(ref, "no dynamodb section");
        }
        ObjectNode json = NODES.objectNode();
        json.put("eventID", record.eventID());
        json.put("eventName", record.eventNameAsString());
        json.put("eventVersion", record.eventVersion() == null ? "1.1" : record.eventVersion());
        json.put("eventSource", record.eventSource() == null ? "aws:dynamodb" : record.eventSource());
        json.put("awsRegion", record.awsRegion() == null ? arn.region() : record.awsRegion());

        ObjectNode dynamodb = json.putObject("dynamodb");
        if (stream.approximateCreationDateTime() != null) {
            dynamodb.set("ApproximateCreationDateTime", epochSeconds(stream.approximateCreationDateTime()));
        }
        if (stream.hasKeys()) {
            dynamodb.set("Keys", DynamoDbJson.toJsonNode(stream.keys()));
        }
        if (stream.hasNewImage()) {
            dynamodb.set("NewImage", DynamoDbJson.toJsonNode(stream.newImage()));
        }
        if (stream.hasOldImage()) {
            dynamodb.set("OldImage", DynamoDbJson.toJsonNode(stream.oldImage()));
        }
        dynamodb.put("SequenceNumber", stream.sequenceNumber());
        if (stream.sizeBytes() != null) {
            dynamodb.put("SizeBytes", stream.sizeBytes());
        }
        dynamodb.put("StreamViewType", stream.streamViewTypeAsString());

        if (record.userIdentity() != null) {
            ObjectNode identity = json.putObject("userIdentity");
            identity.put("type", record.userIdentity().type());
            identity.put("principalId", record.userIdentity().principalId());
        }
        json.put("eventSourceARN", streamArn);
        return json;
    }

    // Whole seconds as an integer, like Lambda; otherwise seconds with the milliseconds a Date keeps.
    private static JsonNode epochSeconds(Instant time) {
        long millis = time.toEpochMilli();
        if (millis % 1000 == 0) {
            return NODES.numberNode(millis / 1000);
        }
        return DecimalNode.valueOf(BigDecimal.valueOf(millis, 3).stripTrailingZeros());
    }
}
