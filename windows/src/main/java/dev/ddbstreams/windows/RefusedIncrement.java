package dev.ddbstreams.windows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbstreams.failures.Failure;
import dev.ddbstreams.limits.LimitViolation;
import dev.ddbstreams.records.DynamoDbJson;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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

    private static final ObjectMapper JSON = new ObjectMapper();

    public RefusedIncrement {
        current = Map.copyOf(current);
    }

    public Failure failure() {
        return new Failure(Failure.Kind.PERMANENT, "the window's increment of " + DynamoDbJson.toJsonNode(
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
    ObjectNode toJson(WindowRef window) {
        ObjectNode json = JSON.createObjectNode();
        json.put("eventSource", "ddbstreams:window-increment");
        ObjectNode windowJson = json.putObject("window");
        windowJson.put("id", window.id());
        windowJson.put("eventSourceARN", window.streamArn());
        windowJson.put("shardId", window.shardId());
        windowJson.put("start", window.start());
        window.firstSequence().ifPresent(first -> windowJson.put("firstSequenceNumber", first));
        json.setAll(incrementJson());
        return json;
    }

    /** The refused increment as the window's marker item keeps it, so a replay of the commit finds it again. */
    String toMarkerJson() {
        ObjectNode json = incrementJson();
        json.putObject("violation").put("attribute", violation.attribute()).put("limit", violation.limit().name())
                .put("message", violation.message());
        return json.toString();
    }

    static RefusedIncrement fromMarkerJson(String text) {
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a window marker's refused increment is not what this handler writes: " + text, e);
        }
        JsonNode violation = json.path("violation");
        return new RefusedIncrement(
                new Increment(DynamoDbJson.toAttributeMap(json.path("key")), numbers(json.path("add")),
                        numbers(json.path("atLeast")), numbers(json.path("atMost"))),
                numbers(json.path("current")),
                new LimitViolation(violation.path("attribute").asText(),
                        LimitViolation.Limit.valueOf(violation.path("limit").asText()), violation.path("message").asText()));
    }

    private ObjectNode incrementJson() {
        ObjectNode json = JSON.createObjectNode();
        json.set("key", DynamoDbJson.toJsonNode(new TreeMap<>(increment.key())));
        json.set("add", numbers(increment.add()));
        json.set("atLeast", numbers(increment.atLeast()));
        json.set("atMost", numbers(increment.atMost()));
        json.set("current", numbers(current));
        return json;
    }

    private static ObjectNode numbers(Map<String, BigDecimal> values) {
        ObjectNode json = JSON.createObjectNode();
        new TreeMap<>(values).forEach((name, value) -> json.put(name, value.toString()));
        return json;
    }

    private static Map<String, BigDecimal> numbers(JsonNode json) {
        Map<String, BigDecimal> values = new TreeMap<>();
        json.properties().forEach(field -> values.put(field.getKey(), new BigDecimal(field.getValue().asText())));
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
