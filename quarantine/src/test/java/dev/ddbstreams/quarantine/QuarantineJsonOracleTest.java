package dev.ddbstreams.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbstreams.failures.Failure;
import dev.ddbstreams.limits.LimitViolation;
import dev.ddbstreams.records.Json;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The quarantine's objects byte for byte as the databind code wrote them before the move to
 * jackson-core's streaming API, and read back as it read them: databind, test scope only, is the
 * oracle. Random raw DynamoDB records (values with no type or two, missing sections) and Kinesis
 * records from fixed seeds.
 */
class QuarantineJsonOracleTest {

    private static final int SEEDS = 300;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-12-05T10:15:30.123Z");
    private static final String[] TEXTS = {"", "a", "é", "日本", "\uD83D\uDE00", "q\"b\\s", "t\tn\nl", "\u0001", "</script>"};

    @Test
    void rawDynamoDbRecord_whenRandom_isWrittenAndReadBackAsTheDatabindCodeDid() throws Exception {
        for (int seed = 0; seed < SEEDS; seed++) {
            Random random = new Random(seed);
            DynamodbEvent.DynamodbStreamRecord record = randomRawRecord(random);
            Failure failure = randomFailure(random);

            byte[] document = QuarantineJson.document(QuarantineJson.dynamoDbRawRecord(record),
                    QuarantinedRecord.Source.DYNAMODB, failure, "VoteCount", AT);

            ObjectNode old = oldRawRecord(record);
            assertThat(new String(document, "UTF-8")).as("seed %d", seed).isEqualTo(new String(
                    oldDocument(old, QuarantinedRecord.Source.DYNAMODB, failure, "VoteCount", AT), "UTF-8"));
            // What contentHash hashes, so a record without sequence number or eventID keeps its key.
            assertThat(Json.toJson(QuarantineJson.dynamoDbRawRecord(record))).as("seed %d", seed).isEqualTo(old.toString());
            assertReadBackAsBefore(document, seed);
        }
    }

    @Test
    void kinesisRecord_whenRandom_isWrittenAndReadBackAsTheDatabindCodeDid() throws Exception {
        for (int seed = 0; seed < SEEDS; seed++) {
            Random random = new Random(seed);
            KinesisEvent.KinesisEventRecord record = randomKinesisRecord(random);
            Failure failure = randomFailure(random);

            byte[] document = QuarantineJson.document(QuarantineJson.kinesisRecord(record),
                    QuarantinedRecord.Source.KINESIS, failure, "KinesisScore", AT);

            assertThat(new String(document, "UTF-8")).as("seed %d", seed).isEqualTo(new String(
                    oldDocument(oldKinesisRecord(record), QuarantinedRecord.Source.KINESIS, failure, "KinesisScore", AT), "UTF-8"));
            assertReadBackAsBefore(document, seed);
        }
    }

    private static void assertReadBackAsBefore(byte[] document, int seed) throws Exception {
        QuarantinedRecord read = QuarantineJson.read("k", document);
        JsonNode old = JSON.readTree(document);
        assertThat(read.record()).as("seed %d", seed).isEqualTo(old.get("record").toString());
        ObjectNode event = JSON.createObjectNode();
        event.putArray("Records").add(old.get("record"));
        assertThat(read.eventJson()).as("seed %d", seed).isEqualTo(event.toString());
        assertThat(read.reason()).isEqualTo(old.path("reason").asText());
        assertThat(read.violation()).isEqualTo(old.get("violation") == null ? Optional.empty()
                : Optional.of(old.get("violation").path("attribute").asText() + ": " + old.get("violation").path("limit").asText()));
    }

    private static Failure randomFailure(Random random) {
        String reason = "reason " + TEXTS[random.nextInt(TEXTS.length)];
        return random.nextBoolean() ? Failure.permanent(reason)
                : Failure.permanent(new LimitViolation("attr" + TEXTS[random.nextInt(TEXTS.length)],
                        LimitViolation.Limit.values()[random.nextInt(LimitViolation.Limit.values().length)], reason));
    }

    private static String maybe(Random random, String value) {
        return random.nextInt(5) == 0 ? null : value;
    }

    private static DynamodbEvent.DynamodbStreamRecord randomRawRecord(Random random) {
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventID(maybe(random, "e" + random.nextInt(1000)));
        record.setEventName(maybe(random, random.nextBoolean() ? "INSERT" : "MODIFY"));
        record.setEventVersion(maybe(random, "1.1"));
        record.setEventSource(maybe(random, "aws:dynamodb"));
        record.setAwsRegion(maybe(random, "us-east-1"));
        record.setEventSourceARN(maybe(random, "arn:aws:dynamodb:us-east-1:123456789012:table/votes/stream/2026-12-05T00:00:00.000"));
        if (random.nextInt(6) != 0) {
            StreamRecord stream = new StreamRecord();
            if (random.nextInt(4) != 0) {
                long seconds = 1_764_892_800L + random.nextInt(1_000_000);
                stream.setApproximateCreationDateTime(new Date(seconds * 1000 + (random.nextBoolean() ? 0 : random.nextInt(1000))));
            }
            stream.setKeys(random.nextInt(5) == 0 ? null : randomImage(random, 0));
            stream.setNewImage(random.nextInt(3) == 0 ? null : randomImage(random, 0));
            stream.setOldImage(random.nextInt(3) == 0 ? null : randomImage(random, 0));
            stream.setSequenceNumber(maybe(random, Long.toString(random.nextLong() & Long.MAX_VALUE)));
            stream.setSizeBytes(random.nextInt(4) == 0 ? null : (long) random.nextInt(400_000));
            if (random.nextInt(5) != 0) {
                stream.setStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.NEW_AND_OLD_IMAGES);
            }
            record.setDynamodb(stream);
        }
        if (random.nextInt(3) == 0) {
            Identity identity = new Identity();
            identity.setType(maybe(random, "Service"));
            identity.setPrincipalId(maybe(random, "dynamodb.amazonaws.com"));
            record.setUserIdentity(identity);
        }
        return record;
    }

    private static Map<String, AttributeValue> randomImage(Random random, int depth) {
        Map<String, AttributeValue> image = new LinkedHashMap<>();
        for (int i = random.nextInt(depth == 0 ? 6 : 3); i > 0; i--) {
            image.put("a" + random.nextInt(9) + TEXTS[random.nextInt(TEXTS.length)],
                    random.nextInt(15) == 0 ? null : randomValue(random, depth));
        }
        return image;
    }

    // Any number of types set, none included, as a malformed event may hold.
    private static AttributeValue randomValue(Random random, int depth) {
        AttributeValue value = new AttributeValue();
        int types = random.nextInt(10) == 0 ? 0 : random.nextInt(8) == 0 ? 2 : 1;
        for (int t = 0; t < types; t++) {
            switch (random.nextInt(depth > 2 ? 8 : 10)) {
                case 0 -> value.setS(TEXTS[random.nextInt(TEXTS.length)]);
                case 1 -> value.setN(random.nextBoolean() ? "not-a-number" : "1" + "0".repeat(random.nextInt(40)) + ".50");
                case 2 -> value.setB(bytes(random));
                case 3 -> value.setSS(new ArrayList<>(List.of("x", TEXTS[random.nextInt(TEXTS.length)])));
                case 4 -> value.setNS(new ArrayList<>(List.of("1", "-2.5E+10")));
                case 5 -> {
                    List<ByteBuffer> set = new ArrayList<>();
                    set.add(bytes(random));
                    set.add(random.nextBoolean() ? null : bytes(random));
                    value.setBS(set);
                }
                case 6 -> value.setNULL(random.nextBoolean());
                case 7 -> value.setBOOL(random.nextBoolean());
                case 8 -> value.setM(randomImage(random, depth + 1));
                default -> {
                    List<AttributeValue> list = new ArrayList<>();
                    for (int i = random.nextInt(3); i > 0; i--) {
                        list.add(random.nextInt(8) == 0 ? null : randomValue(random, depth + 1));
                    }
                    value.setL(list);
                }
            }
        }
        return value;
    }

    private static ByteBuffer bytes(Random random) {
        byte[] bytes = new byte[random.nextInt(6)];
        random.nextBytes(bytes);
        ByteBuffer buffer = ByteBuffer.allocate(bytes.length + 2);
        buffer.put((byte) 9).put(bytes).put((byte) 9);
        // A view that is not the whole backing array, as a deserialiser may hand over.
        return buffer.position(1).limit(bytes.length + 1).slice();
    }

    private static KinesisEvent.KinesisEventRecord randomKinesisRecord(Random random) {
        KinesisEvent.KinesisEventRecord record = new KinesisEvent.KinesisEventRecord();
        record.setEventSource(maybe(random, "aws:kinesis"));
        record.setEventVersion(maybe(random, "1.0"));
        record.setEventID(maybe(random, "shardId-000000000000:4959" + random.nextInt(1000)));
        record.setEventName(maybe(random, "aws:kinesis:record"));
        record.setInvokeIdentityArn(maybe(random, "arn:aws:iam::123456789012:role/scores"));
        record.setAwsRegion(maybe(random, "us-east-1"));
        record.setEventSourceARN(maybe(random, "arn:aws:kinesis:us-east-1:123456789012:stream/scores"));
        KinesisEvent.Record kinesis = new KinesisEvent.Record();
        kinesis.setKinesisSchemaVersion(maybe(random, "1.0"));
        kinesis.setPartitionKey(maybe(random, TEXTS[random.nextInt(TEXTS.length)]));
        kinesis.setSequenceNumber(maybe(random, "4959" + random.nextInt(1_000_000)));
        kinesis.setData(random.nextInt(5) == 0 ? null : bytes(random));
        kinesis.setApproximateArrivalTimestamp(random.nextInt(5) == 0 ? null
                : new Date(1_764_892_800_000L + random.nextInt(1_000_000_000)));
        kinesis.setEncryptionType(maybe(random, "NONE"));
        record.setKinesis(kinesis);
        return record;
    }

    // The databind code QuarantineJson was, as the oracle.
    private static ObjectNode oldRawRecord(DynamodbEvent.DynamodbStreamRecord record) {
        ObjectNode json = JSON.createObjectNode();
        oldPut(json, "eventID", record.getEventID());
        oldPut(json, "eventName", record.getEventName());
        oldPut(json, "eventVersion", record.getEventVersion());
        oldPut(json, "eventSource", record.getEventSource());
        oldPut(json, "awsRegion", record.getAwsRegion());
        var stream = record.getDynamodb();
        if (stream != null) {
            ObjectNode dynamodb = json.putObject("dynamodb");
            if (stream.getApproximateCreationDateTime() != null) {
                long millis = stream.getApproximateCreationDateTime().getTime();
                dynamodb.set("ApproximateCreationDateTime", millis % 1_000 == 0 ? JSON.getNodeFactory().numberNode(millis / 1_000)
                        : DecimalNode.valueOf(BigDecimal.valueOf(millis, 3)));
            }
            oldImage(dynamodb, "Keys", stream.getKeys());
            oldImage(dynamodb, "NewImage", stream.getNewImage());
            oldImage(dynamodb, "OldImage", stream.getOldImage());
            oldPut(dynamodb, "SequenceNumber", stream.getSequenceNumber());
            if (stream.getSizeBytes() != null) {
                dynamodb.put("SizeBytes", stream.getSizeBytes());
            }
            oldPut(dynamodb, "StreamViewType", stream.getStreamViewType());
        }
        if (record.getUserIdentity() != null) {
            ObjectNode identity = json.putObject("userIdentity");
            oldPut(identity, "type", record.getUserIdentity().getType());
            oldPut(identity, "principalId", record.getUserIdentity().getPrincipalId());
        }
        oldPut(json, "eventSourceARN", record.getEventSourceARN());
        return json;
    }

    private static void oldImage(ObjectNode parent, String name, Map<String, AttributeValue> image) {
        if (image != null) {
            parent.set(name, oldAttributes(image));
        }
    }

    private static ObjectNode oldAttributes(Map<String, AttributeValue> attributes) {
        ObjectNode json = JSON.createObjectNode();
        attributes.forEach((name, value) -> json.set(name, oldValue(value)));
        return json;
    }

    private static JsonNode oldValue(AttributeValue value) {
        if (value == null) {
            return JSON.nullNode();
        }
        ObjectNode json = JSON.createObjectNode();
        oldPut(json, "S", value.getS());
        oldPut(json, "N", value.getN());
        if (value.getB() != null) {
            json.put("B", Base64.getEncoder().encodeToString(QuarantineJson.bytes(value.getB())));
        }
        oldStrings(json, "SS", value.getSS());
        oldStrings(json, "NS", value.getNS());
        if (value.getBS() != null) {
            ArrayNode set = json.putArray("BS");
            value.getBS().forEach(b -> set.add(b == null ? null : Base64.getEncoder().encodeToString(QuarantineJson.bytes(b))));
        }
        if (value.getM() != null) {
            json.set("M", oldAttributes(value.getM()));
        }
        if (value.getL() != null) {
            ArrayNode list = json.putArray("L");
            value.getL().forEach(element -> list.add(oldValue(element)));
        }
        if (value.getNULL() != null) {
            json.put("NULL", value.getNULL());
        }
        if (value.getBOOL() != null) {
            json.put("BOOL", value.getBOOL());
        }
        return json;
    }

    private static void oldStrings(ObjectNode json, String name, List<String> values) {
        if (values != null) {
            ArrayNode array = json.putArray(name);
            values.forEach(array::add);
        }
    }

    private static ObjectNode oldKinesisRecord(KinesisEvent.KinesisEventRecord record) {
        ObjectNode json = JSON.createObjectNode();
        oldPut(json, "eventSource", record.getEventSource());
        oldPut(json, "eventVersion", record.getEventVersion());
        oldPut(json, "eventID", record.getEventID());
        oldPut(json, "eventName", record.getEventName());
        oldPut(json, "invokeIdentityArn", record.getInvokeIdentityArn());
        oldPut(json, "awsRegion", record.getAwsRegion());
        oldPut(json, "eventSourceARN", record.getEventSourceARN());
        KinesisEvent.Record kinesis = record.getKinesis();
        ObjectNode data = json.putObject("kinesis");
        oldPut(data, "kinesisSchemaVersion", kinesis.getKinesisSchemaVersion());
        oldPut(data, "partitionKey", kinesis.getPartitionKey());
        oldPut(data, "sequenceNumber", kinesis.getSequenceNumber());
        if (kinesis.getData() != null) {
            data.put("data", Base64.getEncoder().encodeToString(QuarantineJson.bytes(kinesis.getData())));
        }
        if (kinesis.getApproximateArrivalTimestamp() != null) {
            data.set("approximateArrivalTimestamp",
                    DecimalNode.valueOf(BigDecimal.valueOf(kinesis.getApproximateArrivalTimestamp().getTime(), 3)));
        }
        oldPut(data, "encryptionType", kinesis.getEncryptionType());
        return json;
    }

    private static byte[] oldDocument(ObjectNode record, QuarantinedRecord.Source source, Failure failure, String function,
            Instant quarantinedAt) throws Exception {
        ObjectNode document = JSON.createObjectNode();
        document.put("function", function);
        document.put("quarantinedAt", quarantinedAt.toString());
        document.put("classification", failure.kind().name());
        document.put("reason", failure.reason());
        failure.violation().ifPresent(violation -> document.putObject("violation")
                .put("attribute", violation.attribute()).put("limit", violation.limit().name()));
        document.put("eventSource", source.eventSource());
        document.set("record", record);
        return JSON.writeValueAsBytes(document);
    }

    private static void oldPut(ObjectNode json, String name, String value) {
        if (value != null) {
            json.put(name, value);
        }
    }
}
