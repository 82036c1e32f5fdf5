package dev.ddbstreams.replication;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Values a table refuses for a string index key while a table without that index takes them: the
 * poison the local-cloud tests write, and how to compare one with its quarantined copy.
 */
final class IndexKeyPoison {

    private IndexKeyPoison() {
    }

    /** One of each class, at random: a number (type mismatch), an empty string, a string over 2,048 bytes. */
    static AttributeValue draw(RandomGenerator random) {
        return switch (random.nextInt(3)) {
            case 0 -> AttributeValue.fromN(String.valueOf(random.nextInt(100)));
            case 1 -> AttributeValue.fromS("");
            default -> AttributeValue.fromS("t".repeat(2_049));
        };
    }

    /** {@code N:<number>} or {@code S:<string>}. */
    static String content(AttributeValue value) {
        return value.n() != null ? "N:" + value.n() : "S:" + value.s();
    }

    /** The same for a value in a stream record's image (DynamoDB JSON). */
    static String content(JsonNode value) {
        return value.has("N") ? "N:" + value.path("N").asText() : "S:" + value.path("S").asText();
    }
}
