package dev.ddbstreams.records;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The handlers' small JSON documents as plain Java values, read and written with Jackson's
 * streaming API (jackson-core) only: databind's reflection costs a cold start about 380 classes.
 *
 * <p>A JSON object is a {@code LinkedHashMap<String, Object>} (field order kept; of duplicate
 * fields the last value wins, at the first one's place), an array a {@code List<Object>}, a string
 * a {@code String}, {@code true}/{@code false} a {@code Boolean}, {@code null} Java's null (an
 * object tells it from a missing field with {@code containsKey}). An integer is a
 * {@code BigInteger}; a number with a fraction or exponent is a {@code BigDecimal} or a
 * {@code Double}, as {@link Numbers} says. Only the first value of a text is read and what follows
 * it is ignored, as databind's {@code readTree} did.
 */
public final class Json {

    /**
     * How numbers with a fraction or an exponent are read: exact as written ({@code 1.50}), exact
     * without trailing zeros ({@code 1.5}, and {@code 0} for any zero: databind's default for
     * BigDecimal), or as a double.
     */
    public enum Numbers { EXACT, EXACT_STRIPPED, DOUBLE }

    /** The one factory: thread-safe, and what every generator and parser here comes from. */
    public static final JsonFactory FACTORY = new JsonFactory();

    /** Marks a text that holds no JSON value at all (empty or white space). */
    public static final Object MISSING = new Object() {
        @Override
        public String toString() {
            return "";
        }
    };

    private Json() {
    }

    /**
     * Reads the first JSON value of a text.
     *
     * @return the value, or {@link #MISSING} when the text holds none
     * @throws IOException (a {@code JsonProcessingException}) if the text is not JSON
     */
    public static Object parse(String text, Numbers numbers) throws IOException {
        try (JsonParser parser = FACTORY.createParser(text)) {
            return parse(parser, numbers);
        }
    }

    /** Reads the first JSON value of UTF-8 (or UTF-16/32, detected) bytes; see {@link #parse(String, Numbers)}. */
    public static Object parse(byte[] bytes, Numbers numbers) throws IOException {
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            return parse(parser, numbers);
        }
    }

    /** Reads the next JSON value from a parser made elsewhere (with features of its own); see {@link #parse(String, Numbers)}. */
    public static Object parse(JsonParser parser, Numbers numbers) throws IOException {
        JsonToken token = parser.nextToken();
        return token == null ? MISSING : value(parser, token, numbers);
    }

    private static Object value(JsonParser parser, JsonToken token, Numbers numbers) throws IOException {
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
                    String name = parser.currentName();
                    object.put(name, value(parser, parser.nextToken(), numbers));
                }
                yield object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    array.add(value(parser, next, numbers));
                }
                yield array;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getBigIntegerValue();
            case VALUE_NUMBER_FLOAT -> switch (numbers) {
                case EXACT -> parser.getDecimalValue();
                case EXACT_STRIPPED -> parser.getDecimalValue().signum() == 0
                        ? BigDecimal.ZERO : parser.getDecimalValue().stripTrailingZeros();
                case DOUBLE -> parser.getDoubleValue();
            };
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IllegalStateException("unexpected JSON token " + token);
        };
    }

    /** A value as one line of compact JSON, written with these generator features on. */
    public static String toJson(Object value, JsonGenerator.Feature... enabled) {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(text)) {
            for (JsonGenerator.Feature feature : enabled) {
                generator.enable(feature);
            }
            write(value, generator);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string cannot fail", e);
        }
        return text.toString();
    }

    /** Writes a value built of the types above (and Long, Integer for numbers). */
    public static void write(Object value, JsonGenerator out) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof String text) {
            out.writeString(text);
        } else if (value instanceof Boolean bool) {
            out.writeBoolean(bool);
        } else if (value instanceof BigDecimal decimal) {
            out.writeNumber(decimal);
        } else if (value instanceof BigInteger integer) {
            out.writeNumber(integer);
        } else if (value instanceof Long number) {
            out.writeNumber(number);
        } else if (value instanceof Integer number) {
            out.writeNumber(number);
        } else if (value instanceof Double number) {
            out.writeNumber(number);
        } else if (value instanceof Map<?, ?> object) {
            out.writeStartObject();
            for (Map.Entry<?, ?> field : object.entrySet()) {
                out.writeFieldName((String) field.getKey());
                write(field.getValue(), out);
            }
            out.writeEndObject();
        } else if (value instanceof List<?> array) {
            out.writeStartArray();
            for (Object element : array) {
                write(element, out);
            }
            out.writeEndArray();
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    /** The value as a JSON object, or null when it is none. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> asObject(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : null;
    }

    /** A field's value when it is a JSON object, otherwise an empty one (databind's {@code path}). */
    public static Map<String, Object> path(Map<String, Object> object, String field) {
        Map<String, Object> child = object == null ? null : asObject(object.get(field));
        return child == null ? Map.of() : child;
    }

    /**
     * A field as databind's {@code path(field).asText()} read it: a string's text, another scalar's
     * JSON ({@code null} too), "" for an object, an array or a missing field.
     */
    public static String asText(Map<String, Object> object, String field) {
        if (object == null || !object.containsKey(field)) {
            return "";
        }
        Object value = object.get(field);
        if (value instanceof String text) {
            return text;
        }
        return value instanceof Map || value instanceof List ? "" : toJson(value);
    }

    /** A field's value when it is a JSON string, otherwise null. */
    public static String text(Map<String, Object> object, String field) {
        return object != null && object.get(field) instanceof String text ? text : null;
    }
}
