package dev.ddbstreams.quarantine;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbstreams.failures.Failure;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.LambdaEventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * The quarantine's object: one JSON document per record,
 * {@code {"function", "quarantinedAt", "classification", "reason", "violation"?, "eventSource", "record"}},
 * where {@code record} is the record in the JSON Lambda sends (DynamoDB: eventID, eventName,
 * dynamodb with Keys, images in DynamoDB JSON, SequenceNumber...; Kinesis: eventID, kinesis with
 * partitionKey, sequenceNumber, data in base64...).
 */
final class QuarantineJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private QuarantineJson() {
    }

    /** A DynamoDB change record as Lambda's event has it, rendered by the same code as the local trigger's events. */
    static ObjectNode dynamoDbRecord(ChangeRecord record) {
        StreamRecord.Builder stream = StreamRecord.builder()
                .approximateCreationDateTime(record.approximateCreationTime())
                .keys(record.keys().attributes())
                .sequenceNumber(record.sequenceNumber())
                .sizeBytes(record.sizeBytes());
        record.newImage().ifPresent(image -> stream.newImage(image.attributes()));
        record.oldImage().ifPresent(image -> stream.oldImage(image.attributes()));
        record.streamViewType().ifPresent(stream::streamViewType);
        Record.Builder sdkRecord = Record.builder().eventID(record.eventId()).eventName(record.eventName().name())
                .awsRegion(record.region()).dynamodb(stream.build());
        if (record.ttlDelete()) {
            sdkRecord.userIdentity(Identity.builder().type("Service").principalId("dynamodb.amazonaws.com").build());
        }
        return LambdaEventJson.toRecordJson(sdkRecord.build(), record.eventSourceArn());
    }

    /**
     * A DynamoDB record exactly as the Lambda event holds it, for one that does not parse as a
     * change record: every field and attribute value as given, whatever is wrong with it (an
     * attribute value with no type or two types, a number that is not one, a missing section).
     */
    static ObjectNode dynamoDbRawRecord(DynamodbEvent.DynamodbStreamRecord record) {
        ObjectNode json = JSON.createObjectNode();
        putIfPresent(json, "eventID", record.getEventID());
        putIfPresent(json, "eventName", record.getEventName());
        putIfPresent(json, "eventVersion", record.getEventVersion());
        putIfPresent(json, "eventSource", record.getEventSource());
        putIfPresent(json, "awsRegion", record.getAwsRegion());
        var stream = record.getDynamodb();
        if (stream != null) {
            ObjectNode dynamodb = json.putObject("dynamodb");
            if (stream.getApproximateCreationDateTime() != null) {
                long millis = stream.getApproximateCreationDateTime().getTime();
                // Whole seconds as an integer, as Lambda writes them.
                dynamodb.set("ApproximateCreationDateTime", millis % 1_000 == 0 ? JSON.getNodeFactory().numberNode(millis / 1_000)
                        : epochSeconds(stream.getApproximateCreationDateTime()));
            }
            putImage(dynamodb, "Keys", stream.getKeys());
            putImage(dynamodb, "NewImage", stream.getNewImage());
            putImage(dynamodb, "OldImage", stream.getOldImage());
            putIfPresent(dynamodb, "SequenceNumber", stream.getSequenceNumber());
            if (stream.getSizeBytes() != null) {
                dynamodb.put("SizeBytes", stream.getSizeBytes());
            }
            putIfPresent(dynamodb, "StreamViewType", stream.getStreamViewType());
        }
        if (record.getUserIdentity() != null) {
            ObjectNode identity = json.putObject("userIdentity");
            putIfPresent(identity, "type", record.getUserIdentity().getType());
            putIfPresent(identity, "principalId", record.getUserIdentity().getPrincipalId());
        }
        putIfPresent(json, "eventSourceARN", record.getEventSourceARN());
        return json;
    }

    private static void putImage(ObjectNode parent, String name, Map<String, AttributeValue> image) {
        if (image != null) {
            parent.set(name, attributes(image));
        }
    }

    private static ObjectNode attributes(Map<String, AttributeValue> attributes) {
        ObjectNode json = JSON.createObjectNode();
        attributes.forEach((name, value) -> json.set(name, attributeValue(value)));
        return json;
    }

    /** Every type the value has set, so a value with none or two is kept as it came. */
    private static JsonNode attributeValue(AttributeValue value) {
        if (value == null) {
            return JSON.nullNode();
        }
        ObjectNode json = JSON.createObjectNode();
        putIfPresent(json, "S", value.getS());
        putIfPresent(json, "N", value.getN());
        if (value.getB() != null) {
            json.put("B", Base64.getEncoder().encodeToString(bytes(value.getB())));
        }
        putStrings(json, "SS", value.getSS());
        putStrings(json, "NS", value.getNS());
        if (value.getBS() != null) {
            ArrayNode set = json.putArray("BS");
            value.getBS().forEach(bytes -> set.add(bytes == null ? null : Base64.getEncoder().encodeToString(bytes(bytes))));
        }
        if (value.getM() != null) {
            json.set("M", attributes(value.getM()));
        }
        if (value.getL() != null) {
            ArrayNode list = json.putArray("L");
            value.getL().forEach(element -> list.add(attributeValue(element)));
        }
        if (value.getNULL() != null) {
            json.put("NULL", value.getNULL());
        }
        if (value.getBOOL() != null) {
            json.put("BOOL", value.getBOOL());
        }
        return json;
    }

    private static void putStrings(ObjectNode json, String name, List<String> values) {
        if (values != null) {
            ArrayNode array = json.putArray(name);
            values.forEach(array::add);
        }
    }

    /** A Kinesis record as Lambda's event has it; the data's bytes are kept exactly (base64), whatever they are. */
    static ObjectNode kinesisRecord(KinesisEvent.KinesisEventRecord record) {
        ObjectNode json = JSON.createObjectNode();
        putIfPresent(json, "eventSource", record.getEventSource());
        putIfPresent(json, "eventVersion", record.getEventVersion());
        putIfPresent(json, "eventID", record.getEventID());
        putIfPresent(json, "eventName", record.getEventName());
        putIfPresent(json, "invokeIdentityArn", record.getInvokeIdentityArn());
        putIfPresent(json, "awsRegion", record.getAwsRegion());
        putIfPresent(json, "eventSourceARN", record.getEventSourceARN());
        KinesisEvent.Record kinesis = record.getKinesis();
        ObjectNode data = json.putObject("kinesis");
        putIfPresent(data, "kinesisSchemaVersion", kinesis.getKinesisSchemaVersion());
        putIfPresent(data, "partitionKey", kinesis.getPartitionKey());
        putIfPresent(data, "sequenceNumber", kinesis.getSequenceNumber());
        if (kinesis.getData() != null) {
            data.put("data", Base64.getEncoder().encodeToString(bytes(kinesis.getData())));
        }
        Date arrival = kinesis.getApproximateArrivalTimestamp();
        if (arrival != null) {
            data.set("approximateArrivalTimestamp", epochSeconds(arrival));
        }
        putIfPresent(data, "encryptionType", kinesis.getEncryptionType());
        return json;
    }

    static byte[] document(ObjectNode record, QuarantinedRecord.Source source, Failure failure, String function,
            Instant quarantinedAt) {
        ObjectNode document = JSON.createObjectNode();
        document.put("function", function);
        document.put("quarantinedAt", quarantinedAt.toString());
        document.put("classification", failure.kind().name());
        document.put("reason", failure.reason());
        failure.violation().ifPresent(violation -> document.putObject("violation")
                .put("attribute", violation.attribute()).put("limit", violation.limit().name()));
        document.put("eventSource", source.eventSource());
        document.set("record", record);
        try {
            return JSON.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    static QuarantinedRecord read(String key, byte[] content) {
        JsonNode document;
        try {
            document = JSON.readTree(content);
        } catch (IOException e) {
            throw new UncheckedIOException("quarantined object " + key + " is not JSON", e);
        }
        JsonNode record = document.get("record");
        if (record == null || !record.isObject()) {
            throw new IllegalArgumentException("quarantined object " + key + " has no record");
        }
        JsonNode violation = document.get("violation");
        return new QuarantinedRecord(key, document.path("function").asText(),
                Instant.parse(document.path("quarantinedAt").asText()),
                Failure.Kind.valueOf(document.path("classification").asText()), document.path("reason").asText(),
                violation == null ? Optional.empty()
                        : Optional.of(violation.path("attribute").asText() + ": " + violation.path("limit").asText()),
                QuarantinedRecord.Source.of(document.path("eventSource").asText()), (ObjectNode) record);
    }

    static String eventJson(ObjectNode record) {
        ObjectNode event = JSON.createObjectNode();
        event.putArray("Records").add(record);
        return event.toString();
    }

    /** A name for a record that has neither sequence number nor eventID: the same content, the same name. */
    static String contentHash(ObjectNode record) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(record.toString().getBytes(StandardCharsets.UTF_8));
            return "sha256-" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Epoch seconds with milliseconds, as Lambda writes a time. */
    private static JsonNode epochSeconds(Date time) {
        return DecimalNode.valueOf(BigDecimal.valueOf(time.getTime(), 3));
    }

    /** Reads a ByteBuffer without assuming a backing array or moving its position. */
    static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }

    private static void putIfPresent(ObjectNode json, String name, String value) {
        if (value != null) {
            json.put(name, value);
        }
    }
}
