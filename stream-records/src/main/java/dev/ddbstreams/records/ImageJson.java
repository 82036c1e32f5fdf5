package dev.ddbstreams.records;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item image as plain JSON, the form the archive stores and queries:
 * {@code {"id":"234","count":100,"price":1.50,"tags":["a","b"],"blob":"AAE=","nothing":null}}.
 *
 * <p>To JSON: numbers are written verbatim as DynamoDB gave them (never through a double, so
 * 38-digit numbers and "1.50" survive), sets become arrays, binary becomes
 * standard base64, NULL becomes {@code null}, empty lists and maps stay empty.
 *
 * <p>From JSON the mapping cannot be undone completely, because plain JSON drops the types:
 * <ul>
 *   <li>strings become S, so binary (written as base64) comes back as an S holding the base64 text;</li>
 *   <li>arrays become L, so SS, NS and BS come back as lists;</li>
 *   <li>numbers become N with their exact value; {@code null} becomes NULL; booleans BOOL; objects M.</li>
 * </ul>
 * When the types must survive, store {@link DynamoDbJson} instead.
 */
public final class ImageJson {

    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    // Exact numbers in, and no trailing zeros stripped: "1.50" must stay "1.50".
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private ImageJson() {
    }

    /**
     * The image as one line of plain JSON, numbers written verbatim as DynamoDB gave them (a
     * number JSON cannot spell as given, such as {@code .5}, is written as its exact value).
     */
    public static String toJson(Map<String, AttributeValue> attributes) {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(text)) {
            write(attributes, generator);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string cannot fail", e);
        }
        return text.toString();
    }

    /**
     * Writes the image as a plain JSON object into a generator, so it can be one field of a
     * larger JSON line (an archive record, say) with its numbers still verbatim.
     */
    public static void write(Map<String, AttributeValue> attributes, JsonGenerator generator) throws IOException {
        writeObject(attributes, generator, AttributeLocation.of(RecordRef.NONE, "image"));
    }

    /**
     * The image as a plain JSON tree. Number values are exact ({@link BigDecimal}), though a tree
     * prints them in BigDecimal's form ({@code -1E-36}); use {@link #toJson} for verbatim text.
     */
    public static ObjectNode toJsonNode(Map<String, AttributeValue> attributes) {
        try {
            return (ObjectNode) JSON.readTree(toJson(attributes));
        } catch (JacksonException e) {
            throw new IllegalStateException("ImageJson wrote JSON it cannot read back", e);
        }
    }

    /** The image as a plain JSON tree; see {@link #toJsonNode(Map)}. */
    public static ObjectNode toJsonNode(Image image) {
        return toJsonNode(image.attributes());
    }

    /**
     * Reads a plain JSON object back into attributes; types that plain JSON cannot carry come
     * back as S and L (see the class comment).
     *
     * @throws ChangeRecordException if the text is not a JSON object
     */
    public static Map<String, AttributeValue> fromJson(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new ChangeRecordException(RecordRef.NONE, "image is not JSON: " + e.getOriginalMessage(), e);
        }
        return fromJsonNode(node);
    }

    /** Reads a plain JSON object back into attributes; see {@link #fromJson(String)}. */
    public static Map<String, AttributeValue> fromJsonNode(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new ChangeRecordException(RecordRef.NONE, "image is not a JSON object");
        }
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        json.properties().forEach(field -> attributes.put(field.getKey(), fromPlain(field.getValue())));
        return Collections.unmodifiableMap(attributes);
    }

    private static void writeObject(Map<String, AttributeValue> attributes, JsonGenerator out, AttributeLocation location)
            throws IOException {
        out.writeStartObject();
        for (Map.Entry<String, AttributeValue> attribute : attributes.entrySet()) {
            out.writeFieldName(attribute.getKey());
            writeValue(attribute.getValue(), out, location.child(attribute.getKey()));
        }
        out.writeEndObject();
    }

    private static void writeValue(AttributeValue value, JsonGenerator out, AttributeLocation location) throws IOException {
        AttributeChecks.check(value, location);
        switch (value.type()) {
            case S -> out.writeString(value.s());
            case N -> writeNumber(value.n(), out);
            case B -> out.writeString(DynamoDbJson.base64(value.b()));
            case SS -> {
                out.writeStartArray();
                for (String element : value.ss()) {
                    out.writeString(element);
                }
                out.writeEndArray();
            }
            case NS -> {
                out.writeStartArray();
                for (String element : value.ns()) {
                    writeNumber(element, out);
                }
                out.writeEndArray();
            }
            case BS -> {
                out.writeStartArray();
                for (SdkBytes element : value.bs()) {
                    out.writeString(DynamoDbJson.base64(element));
                }
                out.writeEndArray();
            }
            case M -> writeObject(value.m(), out, location);
            case L -> {
                out.writeStartArray();
                List<AttributeValue> elements = value.l();
                for (int i = 0; i < elements.size(); i++) {
                    writeValue(elements.get(i), out, location.element(i));
                }
                out.writeEndArray();
            }
            case NUL -> out.writeNull();
            case BOOL -> out.writeBoolean(value.bool());
            default -> throw location.error("has a type this SDK does not know");
        }
    }

    // Verbatim when JSON can spell it; BigDecimal's form (exact, and always valid JSON) otherwise.
    private static void writeNumber(String text, JsonGenerator out) throws IOException {
        out.writeNumber(JSON_NUMBER.matcher(text).matches() ? text : new BigDecimal(text).toString());
    }

    private static AttributeValue fromPlain(JsonNode node) {
        if (node.isNull()) {
            return AttributeValue.fromNul(true);
        }
        if (node.isBoolean()) {
            return AttributeValue.fromBool(node.booleanValue());
        }
        if (node.isTextual()) {
            return AttributeValue.fromS(node.textValue());
        }
        if (node.isNumber()) {
            return AttributeValue.fromN(node.isIntegralNumber()
                    ? node.bigIntegerValue().toString()
                    : node.decimalValue().toString());
        }
        if (node.isArray()) {
            List<AttributeValue> elements = new ArrayList<>();
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                elements.add(fromPlain(it.next()));
            }
            return AttributeValue.fromL(elements);
        }
        return AttributeValue.fromM(fromJsonNode(node));
    }
}
