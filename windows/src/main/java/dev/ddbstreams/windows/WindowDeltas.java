package dev.ddbstreams.windows;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ddbstreams.records.DynamoDbJson;
import dev.ddbstreams.records.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The increments gathered in one tumbling window so far, per aggregate item: what Lambda carries
 * from one invocation of the window to the next as its {@code state} (a map of strings).
 *
 * <p>State entry: key = the aggregate key in DynamoDB JSON with sorted attribute names,
 * value = {@code {"add":{"total_votes":"2"},"max":{...},"min":{...}}} with exact decimal strings;
 * and {@value #FIRST_SEQUENCE} = the sequence number of the window's first record, which tells
 * apart two windows with the same start (one ended early, then the rest of its period).
 */
public final class WindowDeltas {

    /** Cannot be an encoded key: those are JSON objects. */
    static final String FIRST_SEQUENCE = "#first";

    private final Map<String, Totals> byKey = new TreeMap<>();
    private String firstSequence;

    private record Totals(Map<String, BigDecimal> add, Map<String, BigDecimal> max, Map<String, BigDecimal> min) {
        static Totals empty() {
            return new Totals(new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
        }
    }

    public static WindowDeltas fromState(Map<String, String> state) {
        WindowDeltas deltas = new WindowDeltas();
        if (state == null) {
            return deltas;
        }
        state.forEach((key, value) -> {
            if (key.equals(FIRST_SEQUENCE)) {
                deltas.firstSequence = value;
                return;
            }
            Map<String, Object> totals = Json.asObject(parse(value));
            Totals parsed = Totals.empty();
            read(Json.path(totals, "add"), parsed.add());
            read(Json.path(totals, "max"), parsed.max());
            read(Json.path(totals, "min"), parsed.min());
            deltas.byKey.put(key, parsed);
        });
        return deltas;
    }

    /** Notes the window's first record, unless one was noted in an earlier invocation of the window. */
    public void startAt(String sequenceNumber) {
        if (firstSequence == null) {
            firstSequence = sequenceNumber;
        }
    }

    /** The sequence number of the window's first record, once one was seen. */
    public Optional<String> firstSequence() {
        return Optional.ofNullable(firstSequence);
    }

    public void add(Increment increment) {
        Totals totals = byKey.computeIfAbsent(encodeKey(increment.key()), k -> Totals.empty());
        merge(totals.add(), increment.add(), BigDecimal::add);
        merge(totals.max(), increment.atLeast(), BigDecimal::max);
        merge(totals.min(), increment.atMost(), BigDecimal::min);
    }

    public Map<String, String> toState() {
        Map<String, String> state = new HashMap<>();
        byKey.forEach((key, totals) -> {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("add", plain(totals.add()));
            value.put("max", plain(totals.max()));
            value.put("min", plain(totals.min()));
            state.put(key, Json.toJson(value));
        });
        if (firstSequence != null) {
            state.put(FIRST_SEQUENCE, firstSequence);
        }
        return state;
    }

    /**
     * The increments to apply, in a stable order (by encoded key) so that a retried commit splits
     * them into the same transactions; additions that cancel out (a vote cast and withdrawn in the
     * same window) are left out, unless the item has extremes to write anyway.
     */
    public List<Increment> increments() {
        List<Increment> increments = new ArrayList<>();
        byKey.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.naturalOrder())).forEach(entry -> {
            boolean hasExtremes = !entry.getValue().max().isEmpty() || !entry.getValue().min().isEmpty();
            Map<String, BigDecimal> add = new TreeMap<>();
            entry.getValue().add().forEach((attribute, amount) -> {
                // An item written for its extremes gets its additions too, zero or not, so it never
                // has a maximum without a count.
                if (amount.signum() != 0 || hasExtremes) {
                    add.put(attribute, amount);
                }
            });
            if (!add.isEmpty() || hasExtremes) {
                increments.add(new Increment(decodeKey(entry.getKey()), add, entry.getValue().max(),
                        entry.getValue().min()));
            }
        });
        return increments;
    }

    public boolean isEmpty() {
        return increments().isEmpty();
    }

    static String encodeKey(Map<String, AttributeValue> key) {
        return DynamoDbJson.toJson(new TreeMap<>(key));
    }

    private static Map<String, AttributeValue> decodeKey(String encoded) {
        return DynamoDbJson.toAttributeMap(parse(encoded));
    }

    private static void merge(Map<String, BigDecimal> into, Map<String, BigDecimal> from,
            BinaryOperator<BigDecimal> combine) {
        from.forEach((attribute, value) -> into.merge(attribute, value, combine));
    }

    private static void read(Map<String, Object> object, Map<String, BigDecimal> into) {
        object.keySet().forEach(attribute -> into.put(attribute, new BigDecimal(Json.asText(object, attribute))));
    }

    private static Map<String, Object> plain(Map<String, BigDecimal> values) {
        Map<String, Object> object = new LinkedHashMap<>();
        values.forEach((attribute, value) -> object.put(attribute, value.toPlainString()));
        return object;
    }

    private static Object parse(String json) {
        try {
            return Json.parse(json, Json.Numbers.DOUBLE);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("window state is not what this handler writes: " + json, e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
    }
}
