package dev.ddbstreams.localcloud.kinesis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbstreams.localcloud.awsjson.AwsJson;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.Buildable;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Kinesis's AWS JSON 1.1 wire format, read and written through the SDK model's own field
 * metadata ({@link SdkPojo#sdkFields()}: member names, types, nested shapes), so every emulated
 * operation is covered by one codec and member names are exactly the API reference's. Blobs are
 * base64, timestamps epoch seconds with a fraction, as JSON 1.1 sends them.
 *
 * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecord.html">PutRecord (its request and response syntax)</a>
 */
final class KinesisJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private KinesisJson() {
    }

    /** Fills a model builder (a request's) from a JSON object and builds it. */
    static <T> T read(JsonNode body, SdkBuilder<?, T> builder) {
        fill((SdkPojo) builder, body, "");
        return builder.build();
    }

    /** A model object (a response's) as a JSON object; members that are not set are left out. */
    static ObjectNode write(SdkPojo pojo) {
        ObjectNode node = NODES.objectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (present(value)) {
                node.set(field.locationName(), writeValue(field, value));
            }
        }
        return node;
    }

    private static void fill(SdkPojo builder, JsonNode body, String path) {
        if (!body.isObject()) {
            throw new AwsJson.MalformedRequestException(where(path) + " must be a JSON object", null);
        }
        for (SdkField<?> field : builder.sdkFields()) {
            JsonNode value = body.get(field.locationName());
            if (value != null && !value.isNull()) {
                field.set(builder, readValue(field, value, path + field.locationName()));
            }
        }
    }

    private static Object readValue(SdkField<?> field, JsonNode value, String path) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.STRING) {
            return require(value.isTextual(), value, path, "a string").textValue();
        } else if (type == MarshallingType.INTEGER) {
            return require(value.isIntegralNumber() && value.canConvertToInt(), value, path, "an integer").intValue();
        } else if (type == MarshallingType.LONG) {
            return require(value.isIntegralNumber() && value.canConvertToLong(), value, path, "an integer").longValue();
        } else if (type == MarshallingType.BOOLEAN) {
            return require(value.isBoolean(), value, path, "a boolean").booleanValue();
        } else if (type == MarshallingType.INSTANT) {
            BigDecimal seconds = require(value.isNumber(), value, path, "epoch seconds").decimalValue();
            return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
        } else if (type == MarshallingType.SDK_BYTES) {
            try {
                return SdkBytes.fromByteArray(Base64.getDecoder().decode(require(value.isTextual(), value, path,
                        "base64 text").textValue()));
            } catch (IllegalArgumentException e) {
                throw new AwsJson.MalformedRequestException(path + " is not base64: " + e.getMessage(), e);
            }
        } else if (type == MarshallingType.SDK_POJO) {
            Buildable nested = (Buildable) field.constructor().get();
            fill((SdkPojo) nested, value, path + ".");
            return nested.build();
        } else if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<Object> list = new ArrayList<>();
            int index = 0;
            for (JsonNode element : require(value.isArray(), value, path, "a list")) {
                list.add(readValue(member, element, path + "[" + index++ + "]"));
            }
            return list;
        }
        throw new AwsJson.MalformedRequestException(path + ": members of type " + type + " are not read by the local Kinesis", null);
    }

    private static JsonNode writeValue(SdkField<?> field, Object value) {
        if (value instanceof String text) {
            return NODES.textNode(text);
        } else if (value instanceof Integer number) {
            return NODES.numberNode(number);
        } else if (value instanceof Long number) {
            return NODES.numberNode(number);
        } else if (value instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        } else if (value instanceof Instant instant) {
            return NODES.numberNode(BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3));
        } else if (value instanceof SdkBytes bytes) {
            return NODES.textNode(Base64.getEncoder().encodeToString(bytes.asByteArray()));
        } else if (value instanceof SdkPojo pojo) {
            return write(pojo);
        } else if (value instanceof List<?> list) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            ArrayNode array = NODES.arrayNode();
            list.forEach(element -> array.add(writeValue(member, element)));
            return array;
        }
        throw new IllegalStateException(field.memberName() + ": cannot write a " + value.getClass().getName());
    }

    private static boolean present(Object value) {
        return value != null && !(value instanceof SdkAutoConstructList) && !(value instanceof SdkAutoConstructMap)
                && !(value instanceof Map<?, ?>);
    }

    private static JsonNode require(boolean ok, JsonNode value, String path, String expected) {
        if (!ok) {
            throw new AwsJson.MalformedRequestException(path + " must be " + expected + ", was " + value.getNodeType(), null);
        }
        return value;
    }

    private static String where(String path) {
        return path.isEmpty() ? "the request body" : path;
    }
}
