package dev.ddbstreams.windows;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ddbstreams.failures.Failure;
import dev.ddbstreams.limits.LimitViolation;
import dev.ddbstreams.records.DynamoDbJson;
import dev.ddbstreams.records.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A window's increment of one aggregate item that DynamoDB refuses at commit: the sum (or count)
 * it would make is not a DynamoDB number (over 38 significant digits, or out of range), or the
 * item holds something ADD cannot add to. No single record is at fault: every amount was a valid
 * number, their total with what the item already holds is not.
 *
 * @param current the item's values of the added attributes when the commit read them (absent: none)
 * @param violation the limit the new value breaks
 */
public record RefusedIncrement(Increment increment, Map<String, BigDecimal> current, LimitViolation violation) {

    public RefusedIncrement {
        current = Map.copyOf(current);
    }

    public Failure failure() {
        return new Failure(Failure.Kind.PERMANENT, "the window's increment of " + DynamoDbJson.toJson(
                new TreeMap<>(increment.key())) + " cannot be committed: " + violation.message(), Optional.of(violation));
    }

    /**
     * The quarantine object's name: the window's first record and the aggregate key, so a retried
     * commit rewrites the same object.
     */
    String quarantineName(WindowRef window) {
        return "window-" + window.firstSequence().orElse(window.start()) + "-" + window.shardId() + "-"
                + keyHash(WindowDeltas.encodeKey(increment.key()));
    }

    /** What an operator reads in the quarantine: the window, the item, what was to be added, what it held. */
    Map<String, Object> toJson(WindowRef window) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("eventSource", "ddbstreams:window-increment");
        Map<String, Object> windowJson = new LinkedHashMap<>();
        json.put("window", windowJson);
        windowJson.put("id", window.id());
        windowJson.put("eventSourceARN", window.streamArn());
        windowJson.put("shardId", window.shardId());
        windowJson.put("start", window.start());
        window.firstSequence().ifPresent(first -> windowJson.put("firstSequenceNumber", first));
        json.putAll(incrementJson());
        return json;
    }

    /** The refused increment as the window's marker item keeps it, so a replay of the commit finds it again. */
    String toMarkerJson() {
        Map<String, Object> json = incrementJson();
        Map<String, Object> violationJson = new LinkedHashMap<>();
        violationJson.put("attribute", violation.attribute());
        violationJson.put("limit", violation.limit().name());
        violationJson.put("message", violation.message());
        json.put("violation", violationJson);
        return Json.toJson(json);
    }

    static RefusedIncrement fromMarkerJson(String text) {
        Map<String, Object> json;
        try {
            json = Json.asObject(Json.parse(text, Json.Numbers.DOUBLE));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a window marker's refused increment is not what this handler writes: " + text, e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
        Map<String, Object> violation = Json.path(json, "violation");
        return new RefusedIncrement(
                new Increment(DynamoDbJson.toAttributeMap(json == null ? null : json.get("key")), numbers(Json.path(json, "add")),
                        numbers(Json.path(json, "atLeast")), numbers(Json.path(json, "atMost"))),
                numbers(Json.path(json, "current")),
                new LimitViolation(Json.asText(violation, "attribute"),
                        LimitViolation.Limit.valueOf(Json.asText(violation, "limit")), Json.asText(violation, "message")));
    }

    private Map<String, Object> incrementJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("key", DynamoDbJson.toJsonValue(new TreeMap<>(increment.key())));
        json.put("add", texts(increment.add()));
        json.put("atLeast", texts(increment.atLeast()));
        json.put("atMost", texts(increment.atMost()));
        json.put("current", texts(current));
        return json;
    }

    private static Map<String, Object> texts(Map<String, BigDecimal> values) {
        Map<String, Object> json = new LinkedHashMap<>();
        new TreeMap<>(values).forEach((name, value) -> json.put(name, value.toString()));
        return json;
    }

    private static Map<String, BigDecimal> numbers(Map<String, Object> json) {
        Map<String, BigDecimal> values = new TreeMap<>();
        json.keySet().forEach(name -> values.put(name, new BigDecimal(Json.asText(json, name))));
        return values;
    }

    private static String keyHash(String encodedKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(encodedKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
