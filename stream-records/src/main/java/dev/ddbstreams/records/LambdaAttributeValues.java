package dev.ddbstreams.records;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Converts the Lambda events library's attribute values to SDK v2 ones, for all ten types.
 *
 * <p>Written here rather than taken from aws-lambda-java-events-sdk-transformer, which turns an
 * empty list into null and loses NULL on some paths.
 */
final class LambdaAttributeValues {

    private LambdaAttributeValues() {
    }

    static Map<String, AttributeValue> toSdkMap(
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> attributes,
            AttributeLocation location) {
        Map<String, AttributeValue> converted = new LinkedHashMap<>();
        attributes.forEach((name, value) -> converted.put(name, toSdk(value, location.child(name))));
        return Collections.unmodifiableMap(converted);
    }

    static AttributeValue toSdk(
            com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue value,
            AttributeLocation location) {
        if (value == null) {
            throw location.error("is null, expected an attribute value");
        }
        List<String> typesSet = typesSet(value);
        if (typesSet.isEmpty()) {
            // An unknown type name in the JSON ({"X": ...}) also lands here: the Lambda
            // serialiser drops properties it does not know.
            throw location.error("has no type set (or an unknown type), expected one of S N B SS NS BS M L NULL BOOL");
        }
        if (typesSet.size() > 1) {
            throw location.error("has more than one type set: " + String.join(", ", typesSet));
        }
        AttributeValue.Builder builder = AttributeValue.builder();
        switch (typesSet.get(0)) {
            case "S" -> builder.s(value.getS());
            case "N" -> {
                AttributeChecks.checkNumber(value.getN(), location);
                builder.n(value.getN());
            }
            case "B" -> builder.b(bytes(value.getB(), location));
            case "SS" -> builder.ss(nonNullElements(value.getSS(), location));
            case "NS" -> {
                List<String> numbers = nonNullElements(value.getNS(), location);
                for (int i = 0; i < numbers.size(); i++) {
                    AttributeChecks.checkNumber(numbers.get(i), location.element(i));
                }
                builder.ns(numbers);
            }
            case "BS" -> {
                List<SdkBytes> binaries = new ArrayList<>();
                List<ByteBuffer> buffers = value.getBS();
                for (int i = 0; i < buffers.size(); i++) {
                    binaries.add(bytes(buffers.get(i), location.element(i)));
                }
                builder.bs(binaries);
            }
            case "M" -> builder.m(toSdkMap(value.getM(), location));
            case "L" -> {
                List<AttributeValue> elements = new ArrayList<>();
                var source = value.getL();
                for (int i = 0; i < source.size(); i++) {
                    elements.add(toSdk(source.get(i), location.element(i)));
                }
                builder.l(elements);
            }
            case "NULL" -> {
                if (!value.getNULL()) {
                    throw location.error("is NULL false; DynamoDB only has NULL true");
                }
                builder.nul(true);
            }
            case "BOOL" -> builder.bool(value.getBOOL());
            default -> throw new IllegalStateException("unhandled type " + typesSet.get(0));
        }
        return builder.build();
    }

    private static List<String> typesSet(
            com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue value) {
        List<String> types = new ArrayList<>(1);
        if (value.getS() != null) types.add("S");
        if (value.getN() != null) types.add("N");
        if (value.getB() != null) types.add("B");
        if (value.getSS() != null) types.add("SS");
        if (value.getNS() != null) types.add("NS");
        if (value.getBS() != null) types.add("BS");
        if (value.getM() != null) types.add("M");
        if (value.getL() != null) types.add("L");
        if (value.getNULL() != null) types.add("NULL");
        if (value.getBOOL() != null) types.add("BOOL");
        return types;
    }

    private static List<String> nonNullElements(List<String> values, AttributeLocation location) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw location.element(i).error("is null inside a set");
            }
        }
        return values;
    }

    /** Copies the readable bytes without touching the caller's buffer or assuming a backing array. */
    private static SdkBytes bytes(ByteBuffer buffer, AttributeLocation location) {
        if (buffer == null) {
            throw location.error("is B with no value");
        }
        ByteBuffer view = buffer.duplicate();
        byte[] copy = new byte[view.remaining()];
        view.get(copy);
        return SdkBytes.fromByteArrayUnsafe(copy);
    }
}
