package dev.ddbstreams.gamescores;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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

    // Exact decimals, and a field given twice is an error rather than "the last one wins".
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
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
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new NotAScoreEventException("not JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw new NotAScoreEventException("not a JSON object");
        }
        JsonNode username = json.get("Username");
        if (username == null || !username.isTextual() || username.textValue().isEmpty()) {
            throw new NotAScoreEventException("no non-empty string 'Username'");
        }
        if (username.textValue().getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new NotAScoreEventException("'Username' is longer than " + MAX_KEY_BYTES + " bytes");
        }
        JsonNode score = json.get("Score");
        if (score == null || !score.isNumber()) {
            throw new NotAScoreEventException("no number 'Score'");
        }
        BigDecimal value = score.decimalValue();
        if (!storable(value)) {
            throw new NotAScoreEventException("'Score' is not a number DynamoDB can store (at most "
                    + MAX_DIGITS + " significant digits, magnitude 1E-130 to under 1E126)");
        }
        JsonNode nickname = json.get("Nickname");
        if (nickname != null && !nickname.isNull() && !nickname.isTextual()) {
            throw new NotAScoreEventException("'Nickname' is not a string");
        }
        return new ScoreEvent(username.textValue(), value,
                nickname == null || nickname.isNull() ? Optional.empty() : Optional.of(nickname.textValue()));
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
