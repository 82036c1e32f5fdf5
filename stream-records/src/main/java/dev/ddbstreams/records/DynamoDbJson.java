package dev.ddbstreams.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB JSON, the typed form used in stream records, Lambda events and Kinesis payloads
 * ({@code {"id":{"S":"234"},"count":{"N":"100"}}}), to and from SDK v2 attribute maps.
 *
 * <p>Numbers are JSON strings and are kept verbatim. Binary values are standard base64.
 * Empty lists and maps stay empty; {@code {"NULL":true}} stays NULL. Malformed input throws
 * {@link ChangeRecordException} naming the attribute.
 */
public final class DynamoDbJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DynamoDbJson() {
    }

    /**
     * Reads an image or key map in DynamoDB JSON.
     *
     * @param typedImage a JSON object whose fields are typed values such as {@code {"S":"x"}}
     * @return an unmodifiable map keeping the JSON's field order
     * @throws ChangeRecordException if a value has no type, an unknown type or a malformed value
     */
    public static Map<String, AttributeValue> toAttributeMap(JsonNode typedImage) {
        return toAttributeMap(typedImage, AttributeLocation.of(RecordRef.NONE, "image"));
    }

    /** Writes an SDK attribute map as DynamoDB JSON, the form Lambda puts in its events. */
    public static ObjectNode toJsonNode(Map<String, AttributeValue> attributes) {
        AttributeLocation location = AttributeLocation.of(RecordRef.NONE, "image");
        ObjectNode image = NODES.objectNode();
        attributes.forEach((name, value) -> image.set(name, toJsonNode(value, location.child(name))));
        return image;
    }

    static Map<String, AttributeValue> toAttributeMap(JsonNode typedImage, AttributeLocation location) {
        if (typedImage == null || !typedImage.isObject()) {
            throw location.error("is not a JSON object");
        }
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        typedImage.properties().forEach(field ->
                attributes.put(field.getKey(), toAttributeValue(field.getValue(), location.child(field.getKey()))));
        return Collections.unmodifiableMap(attributes);
    }

    private static AttributeValue toAttributeValue(JsonNode typed, AttributeLocation location) {
        if (typed == null || !typed.isObject() || typed.size() != 1) {
            throw location.error("is " + (typed == null ? "missing" : typed.toString())
                    + ", expected an object with exactly one type such as {\"S\":\"x\"}");
        }
        Map.Entry<String, JsonNode> only = typed.properties().iterator().next();
        String type = only.getKey();
        JsonNode value = only.getValue();
        return switch (type) {
            case "S" -> AttributeValue.fromS(text(value, type, location));
            case "N" -> {
                String number = text(value, type, location);
                AttributeChecks.checkNumber(number, location);
                yield AttributeValue.fromN(number);
            }
            case "B" -> AttributeValue.fromB(binary(value, location));
            case "SS" -> AttributeValue.fromSs(texts(value, type, location));
            case "NS" -> {
                List<String> numbers = texts(value, type, location);
                for (int i = 0; i < numbers.size(); i++) {
                    AttributeChecks.checkNumber(numbers.get(i), location.element(i));
                }
                yield AttributeValue.fromNs(numbers);
            }
            case "BS" -> {
                List<SdkBytes> binaries = new ArrayList<>();
                Iterator<JsonNode> elements = array(value, type, location).elements();
                for (int i = 0; elements.hasNext(); i++) {
                    binaries.add(binary(elements.next(), location.element(i)));
                }
                yield AttributeValue.fromBs(binaries);
            }
            case "M" -> AttributeValue.fromM(toAttributeMap(value, location));
            case "L" -> {
                List<AttributeValue> elements = new ArrayList<>();
                Iterator<JsonNode> nodes = array(value, type, location).elements();
                for (int i = 0; nodes.hasNext(); i++) {
                    elements.add(toAttributeValue(nodes.next(), location.element(i)));
                }
                yield AttributeValue.fromL(elements);
            }
            case "NULL" -> {
                if (!value.isBoolean() || !value.booleanValue()) {
                    throw location.error("is NULL " + value + ", expected NULL true");
                }
                yield AttributeValue.fromNul(true);
            }
            case "BOOL" -> {
                if (!value.isBoolean()) {
                    throw location.error("is BOOL " + value + ", expected true or false");
                }
                yield AttributeValue.fromBool(value.booleanValue());
            }
            default -> throw location.error("has unknown type '" + type + "', expected one of S N B SS NS BS M L NULL BOOL");
        };
    }

    private static String text(JsonNode value, String type, AttributeLocation location) {
        if (!value.isTextual()) {
            throw location.error("is " + type + " " + value + ", expected a JSON string");
        }
        return value.textValue();
    }

    private static ArrayNode array(JsonNode value, String type, AttributeLocation location) {
        if (!value.isArray()) {
            throw location.error("is " + type + " " + value + ", expected a JSON array");
        }
        return (ArrayNode) value;
    }

    private static List<String> texts(JsonNode value, String type, AttributeLocation location) {
        List<String> texts = new ArrayList<>();
        Iterator<JsonNode> elements = array(value, type, location).elements();
        for (int i = 0; elements.hasNext(); i++) {
            texts.add(text(elements.next(), type, location.element(i)));
        }
        return texts;
    }

    private static SdkBytes binary(JsonNode value, AttributeLocation location) {
        String base64 = text(value, "B", location);
        try {
            return SdkBytes.fromByteArrayUnsafe(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            throw location.error("is B '" + base64 + "', which is not base64", e);
        }
    }

    private static JsonNode toJsonNode(AttributeValue value, AttributeLocation location) {
        AttributeChecks.check(value, location);
        ObjectNode typed = NODES.objectNode();
        switch (value.type()) {
            case S -> typed.put("S", value.s());
            case N -> typed.put("N", value.n());
            case B -> typed.put("B", base64(value.b()));
            case SS -> value.ss().forEach(typed.putArray("SS")::add);
            case NS -> value.ns().forEach(typed.putArray("NS")::add);
            case BS -> {
                ArrayNode binaries = typed.putArray("BS");
                value.bs().forEach(bytes -> binaries.add(base64(bytes)));
            }
            case M -> {
                ObjectNode map = typed.putObject("M");
                value.m().forEach((name, element) -> map.set(name, toJsonNode(element, location.child(name))));
            }
            case L -> {
                ArrayNode list = typed.putArray("L");
                List<AttributeValue> elements = value.l();
                for (int i = 0; i < elements.size(); i++) {
                    list.add(toJsonNode(elements.get(i), location.element(i)));
                }
            }
            case NUL -> typed.put("NULL", true);
            case BOOL -> typed.put("BOOL", value.bool());
            default -> throw location.error("has a type this SDK does not know");
        }
        return typed;
    }

    static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe());
    }
}
