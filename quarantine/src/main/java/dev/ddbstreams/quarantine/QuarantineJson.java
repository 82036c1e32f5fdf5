package dev.ddbstreams.quarantine;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
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
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.Record;

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
        software.amazon.awssdk.services.dynamodb.model.StreamRecord.Builder stream =
                software.amazon.awssdk.services.dynamodb.model.StreamRecord.builder()
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
     * A DynamoDB record as Lambda delivered it, even one that is not a valid change record (a
     * number that is not one, an attribute with no type): every field is copied as it is, unchecked.
     */
    static ObjectNode rawDynamoDbRecord(DynamodbEvent.DynamodbStreamRecord record) {
        ObjectNode json = JSON.createObjectNode();
        putIfPresent(json, "eventID", record.getEventID());
        putIfPresent(json, "eventName", record.getEventName());
        putIfPresent(json, "eventVersion", record.getEventVersion());
        putIfPresent(json, "eventSource", record.getEventSource() == null ? "aws:dynamodb" : record.getEventSource());
        putIfPresent(json, "awsRegion", record.getAwsRegion());
        StreamRecord stream = record.getDynamodb();
        if (stream != null) {
            ObjectNode dynamodb = json.putObject("dynamodb");
            Date created = stream.getApproximateCreationDateTime();
            if (created != null) {
                // Whole seconds as an integer, as Lambda writes them; else seconds with milliseconds.
                dynamodb.set("ApproximateCreationDateTime", created.getTime() % 1000 == 0
                        ? JSON.getNodeFactory().numberNode(created.getTime() / 1000)
                        : DecimalNode.valueOf(BigDecimal.valueOf(created.getTime(), 3)));
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

    private static void putImage(ObjectNode parent, String field, Map<String, AttributeValue> image) {
        if (image != null) {
            parent.set(field, rawImage(image));
        }
    }

    private static ObjectNode rawImage(Map<String, AttributeValue> image) {
        ObjectNode json = JSON.createObjectNode();
        image.forEach((name, value) -> json.set(name, rawValue(value)));
        return json;
    }

    /** Every type the value has set, as DynamoDB JSON ({@code {}} for none): the fault is kept, not repaired. */
    private static ObjectNode rawValue(AttributeValue value) {
        ObjectNode json = JSON.createObjectNode();
        if (value == null) {
            return json;
        }
        putIfPresent(json, "S", value.getS());
        putIfPresent(json, "N", value.getN());
        if (value.getB() != null) {
            json.put("B", Base64.getEncoder().encodeToString(bytes(value.getB())));
        }
        putTexts(json, "SS", value.getSS());
        putTexts(json, "NS", value.getNS());
        if (value.getBS() != null) {
            ArrayNode array = json.putArray("BS");
            value.getBS().forEach(b -> array.add(b == null ? null : Base64.getEncoder().encodeToString(bytes(b))));
        }
        if (value.getM() != null) {
            json.set("M", rawImage(value.getM()));
        }
        if (value.getL() != null) {
            ArrayNode array = json.putArray("L");
            value.getL().forEach(element -> array.add(rawValue(element)));
        }
        if (value.getNULL() != null) {
            json.put("NULL", value.getNULL());
        }
        if (value.getBOOL() != null) {
            json.put("BOOL", value.getBOOL());
        }
        return json;
    }

    private static void putTexts(ObjectNode json, String type, List<String> texts) {
        if (texts != null) {
            ArrayNode array = json.putArray(type);
            texts.forEach(array::add);
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
            // Epoch seconds with milliseconds, as Lambda writes it.
            data.set("approximateArrivalTimestamp", DecimalNode.valueOf(BigDecimal.valueOf(arrival.getTime(), 3)));
        }
        putIfPresent(data, "encryptionType", kinesis.getEncryptionType());
        return json;
    }

    static byte[] document(ObjectNode record, Failure failure, String function, Instant quarantinedAt) {
        ObjectNode document = JSON.createObjectNode();
        document.put("function", function);
        document.put("quarantinedAt", quarantinedAt.toString());
        document.put("classification", failure.kind().name());
        document.put("reason", failure.reason());
        failure.violation().ifPresent(violation -> document.putObject("violation")
                .put("attribute", violation.attribute()).put("limit", violation.limit().name()));
        document.put("eventSource", record.path("eventSource").asText());
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
