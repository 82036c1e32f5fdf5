package dev.ddbstreams.records;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
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

    private ImageJson() {
    }

    /**
     * The image as one line of plain JSON, numbers written verbatim as DynamoDB gave them (a
     * number JSON cannot spell as given, such as {@code .5}, is written as its exact value).
     */
    public static String toJson(Map<String, AttributeValue> attributes) {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = Json.FACTORY.createGenerator(text)) {
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
     * Reads a plain JSON object back into attributes; types that plain JSON cannot carry come
     * back as S and L (see the class comment).
     *
     * @throws ChangeRecordException if the text is not a JSON object
     */
    public static Map<String, AttributeValue> fromJson(String json) {
        Object value;
        try {
            // Exact numbers, trailing zeros kept: "1.50" must stay "1.50".
            value = Json.parse(json, Json.Numbers.EXACT);
        } catch (JsonProcessingException e) {
            throw new ChangeRecordException(RecordRef.NONE, "image is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
        return fromJsonValue(value);
    }

    /** Reads a plain JSON object ({@link Json}'s form) back into attributes; see {@link #fromJson(String)}. */
    public static Map<String, AttributeValue> fromJsonValue(Object json) {
        Map<String, Object> object = Json.asObject(json);
        if (object == null) {
            throw new ChangeRecordException(RecordRef.NONE, "image is not a JSON object");
        }
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        object.forEach((name, value) -> attributes.put(name, fromPlain(value)));
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

    private static AttributeValue fromPlain(Object value) {
        if (value == null) {
            return AttributeValue.fromNul(true);
        }
        if (value instanceof Boolean bool) {
            return AttributeValue.fromBool(bool);
        }
        if (value instanceof String text) {
            return AttributeValue.fromS(text);
        }
        if (value instanceof BigInteger || value instanceof BigDecimal) {
            return AttributeValue.fromN(value.toString());
        }
        if (value instanceof List<?> list) {
            List<AttributeValue> elements = new ArrayList<>();
            list.forEach(element -> elements.add(fromPlain(element)));
            return AttributeValue.fromL(elements);
        }
        return AttributeValue.fromM(fromJsonValue(value));
    }
}
