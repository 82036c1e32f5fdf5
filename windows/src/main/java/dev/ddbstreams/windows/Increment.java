package dev.ddbstreams.windows;

import java.math.BigDecimal;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What one change does to one aggregate item: numbers to add to some of its attributes (a vote
 * moved: -1 on the old item, +1 on the new one) and values its extremes must reach.
 *
 * @param key the aggregate item's key, e.g. {@code {region: SOUTH, improvement: MORE_TREES}}
 * @param add attribute -> amount to add (negative to subtract)
 * @param atLeast attribute -> a value the attribute must be at least (a maximum)
 * @param atMost attribute -> a value the attribute must be at most (a minimum)
 */
public record Increment(Map<String, AttributeValue> key, Map<String, BigDecimal> add,
        Map<String, BigDecimal> atLeast, Map<String, BigDecimal> atMost) {

    public Increment {
        key = Map.copyOf(key);
        add = Map.copyOf(add);
        atLeast = Map.copyOf(atLeast);
        atMost = Map.copyOf(atMost);
    }

    public static Increment add(Map<String, AttributeValue> key, String attribute, BigDecimal amount) {
        return new Increment(key, Map.of(attribute, amount), Map.of(), Map.of());
    }
}
