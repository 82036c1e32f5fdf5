package dev.ddbstreams.records;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
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

    private DynamoDbJson() {
    }

    /**
     * Reads an image or key map in DynamoDB JSON.
     *
     * @param typedImage a JSON object ({@link Json}'s form) whose fields are typed values such as {@code {"S":"x"}}
     * @return an unmodifiable map keeping the JSON's field order
     * @throws ChangeRecordException if a value has no type, an unknown type or a malformed value
     */
    public static Map<String, AttributeValue> toAttributeMap(Object typedImage) {
        return toAttributeMap(typedImage, AttributeLocation.of(RecordRef.NONE, "image"));
    }

    /**
     * Reads an image or key map from its DynamoDB JSON text; see {@link #toAttributeMap(Object)}.
     *
     * @throws ChangeRecordException also if the text is not JSON
     */
    public static Map<String, AttributeValue> fromJson(String typedImage) {
        try {
            return toAttributeMap(Json.parse(typedImage, Json.Numbers.EXACT));
        } catch (IOException e) {
            throw new ChangeRecordException(RecordRef.NONE, "image is not JSON: " + e.getMessage(), e);
        }
    }

    /** Writes an SDK attribute map as DynamoDB JSON, the form Lambda puts in its events ({@link Json}'s form). */
    public static Map<String, Object> toJsonValue(Map<String, AttributeValue> attributes) {
        AttributeLocation location = AttributeLocation.of(RecordRef.NONE, "image");
        Map<String, Object> image = new LinkedHashMap<>();
        attributes.forEach((name, value) -> image.put(name, toJsonValue(value, location.child(name))));
        return image;
    }

    /** Writes an SDK attribute map as one line of DynamoDB JSON. */
    public static String toJson(Map<String, AttributeValue> attributes) {
        return Json.toJson(toJsonValue(attributes));
    }

    static Map<String, AttributeValue> toAttributeMap(Object typedImage, AttributeLocation location) {
        Map<String, Object> object = Json.asObject(typedImage);
        if (object == null) {
            throw location.error("is not a JSON object");
        }
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        object.forEach((name, value) -> attributes.put(name, toAttributeValue(value, location.child(name))));
        return Collections.unmodifiableMap(attributes);
    }

    private static AttributeValue toAttributeValue(Object typedValue, AttributeLocation location) {
        Map<String, Object> typed = Json.asObject(typedValue);
        if (typed == null || typed.size() != 1) {
            throw location.error("is " + Json.toJson(typedValue)
                    + ", expected an object with exactly one type such as {\"S\":\"x\"}");
        }
        Map.Entry<String, Object> only = typed.entrySet().iterator().next();
        String type = only.getKey();
        Object value = only.getValue();
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
                List<?> elements = array(value, type, location);
                for (int i = 0; i < elements.size(); i++) {
                    binaries.add(binary(elements.get(i), location.element(i)));
                }
                yield AttributeValue.fromBs(binaries);
            }
            case "M" -> AttributeValue.fromM(toAttributeMap(value, location));
            case "L" -> {
                List<AttributeValue> elements = new ArrayList<>();
                List<?> values = array(value, type, location);
                for (int i = 0; i < values.size(); i++) {
                    elements.add(toAttributeValue(values.get(i), location.element(i)));
                }
                yield AttributeValue.fromL(elements);
            }
            case "NULL" -> {
                if (!Boolean.TRUE.equals(value)) {
                    throw location.error("is NULL " + Json.toJson(value) + ", expected NULL true");
                }
                yield AttributeValue.fromNul(true);
            }
            case "BOOL" -> {
                if (!(value instanceof Boolean bool)) {
                    throw location.error("is BOOL " + Json.toJson(value) + ", expected true or false");
                }
                yield AttributeValue.fromBool(bool);
            }
            default -> throw location.error("has unknown type '" + type + "', expected one of S N B SS NS BS M L NULL BOOL");
        };
    }

    private static String text(Object value, String type, AttributeLocation location) {
        if (!(value instanceof String text)) {
            throw location.error("is " + type + " " + Json.toJson(value) + ", expected a JSON string");
        }
        return text;
    }

    private static List<?> array(Object value, String type, AttributeLocation location) {
        if (!(value instanceof List<?> list)) {
            throw location.error("is " + type + " " + Json.toJson(value) + ", expected a JSON array");
        }
        return list;
    }

    private static List<String> texts(Object value, String type, AttributeLocation location) {
        List<String> texts = new ArrayList<>();
        List<?> elements = array(value, type, location);
        for (int i = 0; i < elements.size(); i++) {
            texts.add(text(elements.get(i), type, location.element(i)));
        }
        return texts;
    }

    private static SdkBytes binary(Object value, AttributeLocation location) {
        String base64 = text(value, "B", location);
        try {
            return SdkBytes.fromByteArrayUnsafe(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            throw location.error("is B '" + base64 + "', which is not base64", e);
        }
    }

    private static Map<String, Object> toJsonValue(AttributeValue value, AttributeLocation location) {
        AttributeChecks.check(value, location);
        Map<String, Object> typed = new LinkedHashMap<>();
        switch (value.type()) {
            case S -> typed.put("S", value.s());
            case N -> typed.put("N", value.n());
            case B -> typed.put("B", base64(value.b()));
            case SS -> typed.put("SS", value.ss());
            case NS -> typed.put("NS", value.ns());
            case BS -> typed.put("BS", value.bs().stream().map(DynamoDbJson::base64).toList());
            case M -> {
                Map<String, Object> map = new LinkedHashMap<>();
                value.m().forEach((name, element) -> map.put(name, toJsonValue(element, location.child(name))));
                typed.put("M", map);
            }
            case L -> {
                List<Object> list = new ArrayList<>();
                List<AttributeValue> elements = value.l();
                for (int i = 0; i < elements.size(); i++) {
                    list.add(toJsonValue(elements.get(i), location.element(i)));
                }
                typed.put("L", list);
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
