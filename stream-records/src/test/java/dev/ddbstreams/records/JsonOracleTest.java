package dev.ddbstreams.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * {@link Json}, {@link DynamoDbJson}, {@link ImageJson} and {@link LambdaEventJson} against what databind made of the same
 * input before they moved to jackson-core's streaming API: databind, test scope only, is the oracle.
 * Random documents and images from fixed seeds.
 */
class JsonOracleTest {

    private static final int SEEDS = 300;

    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final ObjectMapper DECIMALS = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final ObjectMapper DECIMALS_KEPT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES).build();

    @Test
    void parseThenWrite_whenRandomDocuments_writesWhatADatabindTreeWrote() throws Exception {
        for (int seed = 0; seed < SEEDS; seed++) {
            String text = randomDocument(new Random(seed), 0);
            assertThat(Json.toJson(Json.parse(text, Json.Numbers.DOUBLE)))
                    .as("seed %d: %s", seed, text).isEqualTo(PLAIN.readTree(text).toString());
            assertThat(Json.toJson(Json.parse(text, Json.Numbers.EXACT_STRIPPED)))
                    .as("seed %d: %s", seed, text).isEqualTo(DECIMALS.readTree(text).toString());
            assertThat(Json.toJson(Json.parse(text, Json.Numbers.EXACT)))
                    .as("seed %d: %s", seed, text).isEqualTo(DECIMALS_KEPT.readTree(text).toString());
            assertThat(Json.asText(Json.asObject(Json.parse("{\"f\":" + text + "}", Json.Numbers.DOUBLE)), "f"))
                    .as("seed %d: %s", seed, text).isEqualTo(PLAIN.readTree("{\"f\":" + text + "}").path("f").asText());
        }
    }

    @Test
    void parse_whenDuplicateFieldsOrTrailingText_readsWhatDatabindRead() throws Exception {
        for (String text : List.of("{\"a\":1,\"b\":2,\"a\":3}", "{\"a\":{\"x\":1},\"a\":[2]} trailing", "[1,2] [3]",
                "{\"a\":1}}", "  ", "null", "\"\\u00e9\\ud83d\\ude00\"")) {
            JsonNode oracle = PLAIN.readTree(text);
            Object parsed = Json.parse(text, Json.Numbers.DOUBLE);
            assertThat(parsed == Json.MISSING ? "" : Json.toJson(parsed)).as(text)
                    .isEqualTo(oracle.isMissingNode() ? "" : oracle.toString());
        }
    }

    @Test
    void dynamoDbJson_whenRandomImages_writesAndReadsWhatTheDatabindCodeDid() throws Exception {
        for (int seed = 0; seed < SEEDS; seed++) {
            Map<String, AttributeValue> image = randomImage(new Random(seed), 0);
            String text = DynamoDbJson.toJson(image);
            assertThat(text).as("seed %d", seed).isEqualTo(oldDynamoDbJson(image).toString());
            assertThat(DynamoDbJson.fromJson(text)).as("seed %d", seed).isEqualTo(image);
        }
    }

    @Test
    void imageJson_whenRandomImages_readsBackWhatTheDatabindCodeRead() throws Exception {
        for (int seed = 0; seed < SEEDS; seed++) {
            Map<String, AttributeValue> image = randomImage(new Random(seed), 0);
            String text = ImageJson.toJson(image);
            assertThat(ImageJson.fromJson(text)).as("seed %d: %s", seed, text)
                    .isEqualTo(oldImageFromJson(DECIMALS_KEPT.readTree(text)));
        }
    }

    @Test
    void lambdaEventJson_whenRandomRecords_writesWhatTheDatabindCodeWrote() {
        for (int seed = 0; seed < SEEDS; seed++) {
            Random random = new Random(seed);
            StreamRecord.Builder stream = StreamRecord.builder()
                    .approximateCreationDateTime(Instant.ofEpochMilli(1_479_499_740_000L
                            + (random.nextBoolean() ? random.nextInt(1000) : 1000L * random.nextInt(1000))))
                    .keys(Map.of("id", AttributeValue.fromS("k" + random.nextInt(100))))
                    .sequenceNumber(Long.toString(random.nextLong() & Long.MAX_VALUE))
                    .sizeBytes((long) random.nextInt(400_000))
                    .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES);
            if (random.nextBoolean()) {
                stream.newImage(randomImage(random, 0));
            }
            if (random.nextBoolean()) {
                stream.oldImage(randomImage(random, 0));
            }
            Record.Builder record = Record.builder().eventID("e" + random.nextInt(1000))
                    .eventName(random.nextBoolean() ? OperationType.INSERT : OperationType.REMOVE).dynamodb(stream.build());
            if (random.nextBoolean()) {
                record.userIdentity(Identity.builder().type("Service").principalId("dynamodb.amazonaws.com").build());
            }
            if (random.nextBoolean()) {
                record.eventVersion("1.0").eventSource("aws:dynamodb").awsRegion("eu-west-1");
            }
            Record built = record.build();

            String old = oldRecordJson(built, Fixtures.STREAM_ARN).toString();
            assertThat(Json.toJson(LambdaEventJson.toRecordJson(built, Fixtures.STREAM_ARN))).as("seed %d", seed).isEqualTo(old);
            // How the local trigger turns it into its own tree.
            assertThat(PLAIN.valueToTree(LambdaEventJson.toRecordJson(built, Fixtures.STREAM_ARN)).toString())
                    .as("seed %d", seed).isEqualTo(old);
        }
    }

    // The databind code LambdaEventJson.toRecordJson was, as the oracle.
    private static ObjectNode oldRecordJson(Record record, String streamArn) {
        StreamRecord stream = record.dynamodb();
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("eventID", record.eventID());
        json.put("eventName", record.eventNameAsString());
        json.put("eventVersion", record.eventVersion() == null ? "1.1" : record.eventVersion());
        json.put("eventSource", record.eventSource() == null ? "aws:dynamodb" : record.eventSource());
        json.put("awsRegion", record.awsRegion() == null ? StreamArn.parse(streamArn, RecordRef.NONE).region() : record.awsRegion());
        ObjectNode dynamodb = json.putObject("dynamodb");
        long millis = stream.approximateCreationDateTime().toEpochMilli();
        dynamodb.set("ApproximateCreationDateTime", millis % 1000 == 0 ? JsonNodeFactory.instance.numberNode(millis / 1000)
                : DecimalNode.valueOf(BigDecimal.valueOf(millis, 3).stripTrailingZeros()));
        if (stream.hasKeys()) {
            dynamodb.set("Keys", oldDynamoDbJson(stream.keys()));
        }
        if (stream.hasNewImage()) {
            dynamodb.set("NewImage", oldDynamoDbJson(stream.newImage()));
        }
        if (stream.hasOldImage()) {
            dynamodb.set("OldImage", oldDynamoDbJson(stream.oldImage()));
        }
        dynamodb.put("SequenceNumber", stream.sequenceNumber());
        dynamodb.put("SizeBytes", stream.sizeBytes());
        dynamodb.put("StreamViewType", stream.streamViewTypeAsString());
        if (record.userIdentity() != null) {
            ObjectNode identity = json.putObject("userIdentity");
            identity.put("type", record.userIdentity().type());
            identity.put("principalId", record.userIdentity().principalId());
        }
        json.put("eventSourceARN", streamArn);
        return json;
    }

    // The databind code DynamoDbJson.toJsonNode was, as the oracle.
    private static ObjectNode oldDynamoDbJson(Map<String, AttributeValue> attributes) {
        ObjectNode image = JsonNodeFactory.instance.objectNode();
        attributes.forEach((name, value) -> image.set(name, oldDynamoDbJson(value)));
        return image;
    }

    private static JsonNode oldDynamoDbJson(AttributeValue value) {
        ObjectNode typed = JsonNodeFactory.instance.objectNode();
        switch (value.type()) {
            case S -> typed.put("S", value.s());
            case N -> typed.put("N", value.n());
            case B -> typed.put("B", DynamoDbJson.base64(value.b()));
            case SS -> value.ss().forEach(typed.putArray("SS")::add);
            case NS -> value.ns().forEach(typed.putArray("NS")::add);
            case BS -> {
                ArrayNode binaries = typed.putArray("BS");
                value.bs().forEach(bytes -> binaries.add(DynamoDbJson.base64(bytes)));
            }
            case M -> typed.set("M", oldDynamoDbJson(value.m()));
            case L -> {
                ArrayNode list = typed.putArray("L");
                value.l().forEach(element -> list.add(oldDynamoDbJson(element)));
            }
            case NUL -> typed.put("NULL", true);
            case BOOL -> typed.put("BOOL", value.bool());
            default -> throw new IllegalArgumentException(value.toString());
        }
        return typed;
    }

    // The databind code ImageJson.fromJsonNode was, as the oracle.
    private static Map<String, AttributeValue> oldImageFromJson(JsonNode json) {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        json.properties().forEach(field -> attributes.put(field.getKey(), oldFromPlain(field.getValue())));
        return attributes;
    }

    private static AttributeValue oldFromPlain(JsonNode node) {
        if (node.isNull()) {
            return AttributeValue.fromNul(true);
        }
        if (node.isBoolean()) {
            return AttributeValue.fromBool(node.booleanValue());
        }
        if (node.isTextual()) {
            return AttributeValue.fromS(node.textValue());
        }
        if (node.isNumber()) {
            return AttributeValue.fromN(node.isIntegralNumber() ? node.bigIntegerValue().toString()
                    : node.decimalValue().toString());
        }
        if (node.isArray()) {
            List<AttributeValue> elements = new ArrayList<>();
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                elements.add(oldFromPlain(it.next()));
            }
            return AttributeValue.fromL(elements);
        }
        return AttributeValue.fromM(oldImageFromJson(node));
    }

    private static final String[] TEXTS = {"", "a", "é", "日本", "\uD83D\uDE00", "quote\"back\\slash", "tab\tnew\nline",
            "\u0001ctl", "</script>"};

    private static String randomNumber(Random random) {
        return switch (random.nextInt(9)) {
            case 0 -> "0";
            case 1 -> Integer.toString(random.nextInt());
            case 2 -> new BigInteger(120, random).toString();
            case 3 -> "-" + new BigInteger(126, random) + "." + random.nextInt(1000) + "0";
            case 4 -> random.nextInt(100) + ".50";
            case 5 -> "1" + "0".repeat(37);
            case 6 -> "-1E-130";
            case 7 -> random.nextInt(1000) + "e" + (random.nextInt(40) - 20);
            default -> "0.0" + random.nextInt(100);
        };
    }

    private static String randomDocument(Random random, int depth) {
        int kind = depth > 3 ? random.nextInt(5) : random.nextInt(7);
        return switch (kind) {
            case 0 -> Json.toJson(TEXTS[random.nextInt(TEXTS.length)]);
            case 1 -> randomNumber(random);
            case 2 -> random.nextBoolean() ? "true" : "false";
            case 3 -> "null";
            case 4 -> Long.toString(random.nextLong());
            case 5 -> {
                List<String> elements = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    elements.add(randomDocument(random, depth + 1));
                }
                yield "[" + String.join(",", elements) + "]";
            }
            default -> {
                List<String> fields = new ArrayList<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    // Few names, so some objects repeat a field.
                    fields.add("\"" + "abcd".charAt(random.nextInt(4)) + "\" : " + randomDocument(random, depth + 1));
                }
                yield "{" + String.join(", ", fields) + "}";
            }
        };
    }

    private static Map<String, AttributeValue> randomImage(Random random, int depth) {
        Map<String, AttributeValue> image = new LinkedHashMap<>();
        for (int i = random.nextInt(depth == 0 ? 8 : 4); i > 0; i--) {
            image.put("attr" + random.nextInt(20) + TEXTS[random.nextInt(TEXTS.length)], randomValue(random, depth));
        }
        return image;
    }

    private static AttributeValue randomValue(Random random, int depth) {
        int kind = depth > 2 ? random.nextInt(8) : random.nextInt(10);
        return switch (kind) {
            case 0 -> AttributeValue.fromS(TEXTS[random.nextInt(TEXTS.length)]);
            case 1 -> AttributeValue.fromN(storable(random));
            case 2 -> AttributeValue.fromB(bytes(random));
            case 3 -> AttributeValue.fromSs(List.of("x" + random.nextInt(5), "y" + TEXTS[random.nextInt(TEXTS.length)]));
            case 4 -> AttributeValue.fromNs(List.of(storable(random), "7"));
            case 5 -> AttributeValue.fromBs(List.of(bytes(random), bytes(random)));
            case 6 -> AttributeValue.fromNul(true);
            case 7 -> AttributeValue.fromBool(random.nextBoolean());
            case 8 -> AttributeValue.fromM(randomImage(random, depth + 1));
            default -> {
                List<AttributeValue> elements = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    elements.add(randomValue(random, depth + 1));
                }
                yield AttributeValue.fromL(elements);
            }
        };
    }

    // Numbers DynamoDB accepts, as it may give them back: up to 38 digits, trailing zeros, exponents.
    private static String storable(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> new BigInteger(126, random).toString();
            case 1 -> "-" + new BigDecimal(new BigInteger(100, random), 30).toPlainString();
            case 2 -> random.nextInt(100) + ".50";
            case 3 -> "1E+125";
            case 4 -> "-1E-130";
            default -> Integer.toString(random.nextInt(2000) - 1000);
        };
    }

    private static SdkBytes bytes(Random random) {
        byte[] bytes = new byte[random.nextInt(6)];
        random.nextBytes(bytes);
        return SdkBytes.fromByteArray(bytes);
    }
}
