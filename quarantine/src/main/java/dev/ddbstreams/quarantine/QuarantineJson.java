package dev.ddbstreams.quarantine;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ddbstreams.failures.Failure;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.Json;
import dev.ddbstreams.records.LambdaEventJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
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
 * partitionKey, sequenceNumber, data in base64...). Built and read in {@link Json}'s form.
 */
final class QuarantineJson {

    private QuarantineJson() {
    }

    /** A DynamoDB change record as Lambda's event has it, rendered by the same code as the local trigger's events. */
    static Map<String, Object> dynamoDbRecord(ChangeRecord record) {
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
    static Map<String, Object> dynamoDbRawRecord(DynamodbEvent.DynamodbStreamRecord record) {
        Map<String, Object> json = new LinkedHashMap<>();
        putIfPresent(json, "eventID", record.getEventID());
        putIfPresent(json, "eventName", record.getEventName());
        putIfPresent(json, "eventVersion", record.getEventVersion());
        putIfPresent(json, "eventSource", record.getEventSource());
        putIfPresent(json, "awsRegion", record.getAwsRegion());
        var stream = record.getDynamodb();
        if (stream != null) {
            Map<String, Object> dynamodb = object(json, "dynamodb");
            if (stream.getApproximateCreationDateTime() != null) {
                long millis = stream.getApproximateCreationDateTime().getTime();
                // Whole seconds as an integer, as Lambda writes them.
                dynamodb.put("ApproximateCreationDateTime", millis % 1_000 == 0 ? (Object) (millis / 1_000)
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
            Map<String, Object> identity = object(json, "userIdentity");
            putIfPresent(identity, "type", record.getUserIdentity().getType());
            putIfPresent(identity, "principalId", record.getUserIdentity().getPrincipalId());
        }
        putIfPresent(json, "eventSourceARN", record.getEventSourceARN());
        return json;
    }

    private static void putImage(Map<String, Object> parent, String name, Map<String, AttributeValue> image) {
        if (image != null) {
            parent.put(name, attributes(image));
        }
    }

    private static Map<String, Object> attributes(Map<String, AttributeValue> attributes) {
        Map<String, Object> json = new LinkedHashMap<>();
        attributes.forEach((name, value) -> json.put(name, attributeValue(value)));
        return json;
    }

    /** Every type the value has set, so a value with none or two is kept as it came. */
    private static Map<String, Object> attributeValue(AttributeValue value) {
        if (value == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        putIfPresent(json, "S", value.getS());
        putIfPresent(json, "N", value.getN());
        if (value.getB() != null) {
            json.put("B", Base64.getEncoder().encodeToString(bytes(value.getB())));
        }
        putStrings(json, "SS", value.getSS());
        putStrings(json, "NS", value.getNS());
        if (value.getBS() != null) {
            List<Object> set = new ArrayList<>();
            value.getBS().forEach(bytes -> set.add(bytes == null ? null : Base64.getEncoder().encodeToString(bytes(bytes))));
            json.put("BS", set);
        }
        if (value.getM() != null) {
            json.put("M", attributes(value.getM()));
        }
        if (value.getL() != null) {
            List<Object> list = new ArrayList<>();
            value.getL().forEach(element -> list.add(attributeValue(element)));
            json.put("L", list);
        }
        if (value.getNULL() != null) {
            json.put("NULL", value.getNULL());
        }
        if (value.getBOOL() != null) {
            json.put("BOOL", value.getBOOL());
        }
        return json;
    }

    private static void putStrings(Map<String, Object> json, String name, List<String> values) {
        if (values != null) {
            json.put(name, new ArrayList<Object>(values));
        }
    }

    /** A Kinesis record as Lambda's event has it; the data's bytes are kept exactly (base64), whatever they are. */
    static Map<String, Object> kinesisRecord(KinesisEvent.KinesisEventRecord record) {
        Map<String, Object> json = new LinkedHashMap<>();
        putIfPresent(json, "eventSource", record.getEventSource());
        putIfPresent(json, "eventVersion", record.getEventVersion());
        putIfPresent(json, "eventID", record.getEventID());
        putIfPresent(json, "eventName", record.getEventName());
        putIfPresent(json, "invokeIdentityArn", record.getInvokeIdentityArn());
        putIfPresent(json, "awsRegion", record.getAwsRegion());
        putIfPresent(json, "eventSourceARN", record.getEventSourceARN());
        KinesisEvent.Record kinesis = record.getKinesis();
        Map<String, Object> data = object(json, "kinesis");
        putIfPresent(data, "kinesisSchemaVersion", kinesis.getKinesisSchemaVersion());
        putIfPresent(data, "partitionKey", kinesis.getPartitionKey());
        putIfPresent(data, "sequenceNumber", kinesis.getSequenceNumber());
        if (kinesis.getData() != null) {
            data.put("data", Base64.getEncoder().encodeToString(bytes(kinesis.getData())));
        }
        Date arrival = kinesis.getApproximateArrivalTimestamp();
        if (arrival != null) {
            data.put("approximateArrivalTimestamp", epochSeconds(arrival));
        }
        putIfPresent(data, "encryptionType", kinesis.getEncryptionType());
        return json;
    }

    static byte[] document(Map<String, Object> record, QuarantinedRecord.Source source, Failure failure, String function,
            Instant quarantinedAt) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("function", function);
        document.put("quarantinedAt", quarantinedAt.toString());
        document.put("classification", failure.kind().name());
        document.put("reason", failure.reason());
        failure.violation().ifPresent(violation -> {
            Map<String, Object> json = object(document, "violation");
            json.put("attribute", violation.attribute());
            json.put("limit", violation.limit().name());
        });
        document.put("eventSource", source.eventSource());
        document.put("record", record);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = Json.FACTORY.createGenerator(bytes, JsonEncoding.UTF8)) {
            Json.write(document, out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    static QuarantinedRecord read(String key, byte[] content) {
        Map<String, Object> document;
        try {
            // Numbers as doubles, as the quarantine has always read them back.
            document = Json.asObject(Json.parse(content, Json.Numbers.DOUBLE));
        } catch (IOException e) {
            throw new UncheckedIOException("quarantined object " + key + " is not JSON", e);
        }
        Map<String, Object> record = document == null ? null : Json.asObject(document.get("record"));
        if (record == null) {
            throw new IllegalArgumentException("quarantined object " + key + " has no record");
        }
        Map<String, Object> violation = Json.asObject(document.get("violation"));
        return new QuarantinedRecord(key, Json.asText(document, "function"), Instant.parse(Json.asText(document, "quarantinedAt")),
                Failure.Kind.valueOf(Json.asText(document, "classification")), Json.asText(document, "reason"),
                document.containsKey("violation")
                        ? Optional.of(Json.asText(violation, "attribute") + ": " + Json.asText(violation, "limit"))
                        : Optional.empty(),
                QuarantinedRecord.Source.of(Json.asText(document, "eventSource")), Json.toJson(record));
    }

    static String eventJson(String record) {
        return "{\"Records\":[" + record + "]}";
    }

    /** A name for a record that has neither sequence number nor eventID: the same content, the same name. */
    static String contentHash(Map<String, Object> record) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Json.toJson(record).getBytes(StandardCharsets.UTF_8));
            return "sha256-" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Epoch seconds with milliseconds, as Lambda writes a time. */
    private static BigDecimal epochSeconds(Date time) {
        return BigDecimal.valueOf(time.getTime(), 3);
    }

    /** Reads a ByteBuffer without assuming a backing array or moving its position. */
    static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }

    private static void putIfPresent(Map<String, Object> json, String name, String value) {
        if (value != null) {
            json.put(name, value);
        }
    }

    private static Map<String, Object> object(Map<String, Object> parent, String name) {
        Map<String, Object> child = new LinkedHashMap<>();
        parent.put(name, child);
        return child;
    }
}
