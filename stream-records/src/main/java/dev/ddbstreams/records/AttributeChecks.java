package dev.ddbstreams.records;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Checks SDK attribute values once, when a record is built, so that readers of a
 * {@link ChangeRecord} never meet a value without a type or a number that does not parse.
 */
final class AttributeChecks {

    private AttributeChecks() {
    }

    /** The DynamoDB name of the value's type ({@code NULL}, not the SDK's {@code NUL}). */
    static String typeName(AttributeValue value) {
        AttributeValue.Type type = value.type();
        if (type == null) {
            return "of more than one type";
        }
        return switch (type) {
            case NUL -> "NULL";
            case UNKNOWN_TO_SDK_VERSION -> "of no known type";
            default -> type.name();
        };
    }

    static void checkMap(Map<String, AttributeValue> attributes, AttributeLocation location) {
        attributes.forEach((name, value) -> check(value, location.child(name)));
    }

    static void check(AttributeValue value, AttributeLocation location) {
        if (value == null) {
            throw location.error("is null, expected an attribute value");
        }
        // The SDK says UNKNOWN_TO_SDK_VERSION when no type is set, and null when several are.
        AttributeValue.Type type = value.type();
        if (type == null) {
            throw location.error("has more than one type set, expected exactly one");
        }
        switch (type) {
            case N -> checkNumber(value.n(), location);
            case NS -> {
                List<String> numbers = value.ns();
                for (int i = 0; i < numbers.size(); i++) {
                    checkNumber(numbers.get(i), location.element(i));
                }
            }
            case M -> checkMap(value.m(), location);
            case L -> {
                List<AttributeValue> elements = value.l();
                for (int i = 0; i < elements.size(); i++) {
                    check(elements.get(i), location.element(i));
                }
            }
            case NUL -> {
                if (!Boolean.TRUE.equals(value.nul())) {
                    throw location.error("is NULL false; DynamoDB only has NULL true");
                }
            }
            case UNKNOWN_TO_SDK_VERSION -> throw location.error(
                    "has no type set (or one this SDK does not know), expected one of S N B SS NS BS M L NULL BOOL");
            default -> {
                // S, B, SS, BS, BOOL: the SDK's type already says the value is there.
            }
        }
    }

    static BigDecimal checkNumber(String text, AttributeLocation location) {
        if (text == null) {
            throw location.error("is N with no value");
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw location.error("is N '" + text + "', which is not a number", e);
        }
    }
}
