package dev.ddbstreams.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Builds an item attribute by attribute, in a stable order, and hands it out read-only. */
final class ItemBuilder {

    private final Map<String, AttributeValue> attributes = new LinkedHashMap<>();

    ItemBuilder string(String name, String value) {
        attributes.put(name, AttributeValue.fromS(value));
        return this;
    }

    /** {@code value} must already be a valid DynamoDB number string. */
    ItemBuilder number(String name, String value) {
        attributes.put(name, AttributeValue.fromN(value));
        return this;
    }

    Map<String, AttributeValue> build() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }
}
