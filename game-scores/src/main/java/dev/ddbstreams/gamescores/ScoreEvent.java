package dev.ddbstreams.gamescores;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.ddbstreams.records.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A game's score as producers send it to the Kinesis stream: the seed's item shape as JSON,
 * {@code {"Username":"Jane Doe","Score":100,"Nickname":"JaneD"}}.
 *
 * <p>Username must be a non-empty string of at most 2,048 UTF-8 bytes (DynamoDB's limit for a
 * partition key: it becomes the key of GameScoresByUser); Score a JSON number that DynamoDB can
 * store (at most 38 significant digits); Nickname, when present, a string. Other fields are
 * ignored. Numbers are read exactly ({@link BigDecimal}, never a double).
 *
 * @param nickname absent when the event has none
 */
public record ScoreEvent(String username, BigDecimal score, Optional<String> nickname) {

    /** DynamoDB's largest partition key value, in UTF-8 bytes. */
    static final int MAX_KEY_BYTES = 2048;
    /** DynamoDB numbers: up to 38 significant digits, magnitudes 1E-130 to under 1E126. */
    static final int MAX_DIGITS = 38;

    // A field given twice is an error rather than "the last one wins".
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    public ScoreEvent {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(score, "score");
        Objects.requireNonNull(nickname, "nickname");
    }

    /** Not a score event; the message says why, for the log. */
    static final class NotAScoreEventException extends Exception {
        NotAScoreEventException(String message) {
            super(message);
        }
    }

    /**
     * @param text a decoded Kinesis payload
     * @throws NotAScoreEventException naming what is missing or wrong
     */
    static ScoreEvent parse(String text) throws NotAScoreEventException {
        Map<String, Object> json;
        try (JsonParser parser = JSON.createParser(text)) {
            // Exact decimals (1.50 read as 1.5, as databind's BigDecimal nodes did).
            json = Json.asObject(Json.parse(parser, Json.Numbers.EXACT_STRIPPED));
        } catch (JsonProcessingException e) {
            throw new NotAScoreEventException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
        if (json == null) {
            throw new NotAScoreEventException("not a JSON object");
        }
        String username = Json.text(json, "Username");
        if (username == null || username.isEmpty()) {
            throw new NotAScoreEventException("no non-empty string 'Username'");
        }
        if (username.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new NotAScoreEventException("'Username' is longer than " + MAX_KEY_BYTES + " bytes");
        }
        Object score = json.get("Score");
        BigDecimal value = score instanceof BigInteger integer ? new BigDecimal(integer)
                : score instanceof BigDecimal decimal ? decimal : null;
        if (value == null) {
            throw new NotAScoreEventException("no number 'Score'");
        }
        if (!storable(value)) {
            throw new NotAScoreEventException("'Score' is not a number DynamoDB can store (at most "
                    + MAX_DIGITS + " significant digits, magnitude 1E-130 to under 1E126)");
        }
        Object nickname = json.get("Nickname");
        if (nickname != null && !(nickname instanceof String)) {
            throw new NotAScoreEventException("'Nickname' is not a string");
        }
        return new ScoreEvent(username, value, Optional.ofNullable((String) nickname));
    }

    private static boolean storable(BigDecimal value) {
        if (value.signum() == 0) {
            return true;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        int exponent = stripped.precision() - stripped.scale() - 1;
        return stripped.precision() <= MAX_DIGITS && exponent >= -130 && exponent <= 125;
    }
}
