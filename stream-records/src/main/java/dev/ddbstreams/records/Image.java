package dev.ddbstreams.records;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item image (Keys, NewImage, OldImage or a nested map) with typed accessors.
 *
 * <p>Every accessor that meets a missing attribute or another type throws
 * {@link ChangeRecordException} naming the record, the image and the attribute, e.g.
 * {@code record 7f3e (INSERT, seq 111): attribute 'region' in NewImage is N, expected S}.
 * Numbers are {@link BigDecimal}, never int or double. Two images are equal when their
 * attribute maps are equal; the record they came from does not count.
 */
public final class Image {

    private final Map<String, AttributeValue> attributes;
    private final AttributeLocation location;

    Image(Map<String, AttributeValue> attributes, AttributeLocation location) {
        this.attributes = attributes;
        this.location = location;
    }

    /**
     * An image outside any record, e.g. one read from the archive.
     *
     * @throws ChangeRecordException if a value has no type or a number does not parse
     */
    public static Image of(Map<String, AttributeValue> attributes) {
        AttributeLocation location = AttributeLocation.of(RecordRef.NONE, "image");
        AttributeChecks.checkMap(attributes, location);
        return new Image(Collections.unmodifiableMap(new LinkedHashMap<>(attributes)), location);
    }

    /** The attributes as SDK v2 values, unmodifiable, in the order the source gave them. */
    public Map<String, AttributeValue> attributes() {
        return attributes;
    }

    /** Whether the attribute is present, whatever its type (NULL included). */
    public boolean contains(String name) {
        return attributes.containsKey(name);
    }

    /** Whether the attribute is present and NULL; a missing attribute is not NULL. */
    public boolean isNull(String name) {
        AttributeValue value = attributes.get(name);
        return value != null && value.type() == AttributeValue.Type.NUL;
    }

    /** The S attribute {@code name}. */
    public String string(String name) {
        return require(name, AttributeValue.Type.S).s();
    }

    /** The S attribute {@code name}, or empty when it is missing or NULL. */
    public Optional<String> optionalString(String name) {
        return optional(name, AttributeValue.Type.S).map(AttributeValue::s);
    }

    /** The N attribute {@code name}, exact. */
    public BigDecimal number(String name) {
        return new BigDecimal(require(name, AttributeValue.Type.N).n());
    }

    /** The N attribute {@code name}, or empty when it is missing or NULL. */
    public Optional<BigDecimal> optionalNumber(String name) {
        return optional(name, AttributeValue.Type.N).map(value -> new BigDecimal(value.n()));
    }

    /** The BOOL attribute {@code name}. */
    public boolean bool(String name) {
        return require(name, AttributeValue.Type.BOOL).bool();
    }

    /** The B attribute {@code name}. */
    public SdkBytes binary(String name) {
        return require(name, AttributeValue.Type.B).b();
    }

    /** The SS attribute {@code name}, in the order given. */
    public Set<String> stringSet(String name) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(require(name, AttributeValue.Type.SS).ss()));
    }

    /** The NS attribute {@code name}, exact, in the order given. */
    public Set<BigDecimal> numberSet(String name) {
        Set<BigDecimal> numbers = new LinkedHashSet<>();
        require(name, AttributeValue.Type.NS).ns().forEach(number -> numbers.add(new BigDecimal(number)));
        return Collections.unmodifiableSet(numbers);
    }

    /** The BS attribute {@code name}, in the order given. */
    public Set<SdkBytes> binarySet(String name) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(require(name, AttributeValue.Type.BS).bs()));
    }

    /** The M attribute {@code name} as an image, so errors inside it name its path ({@code address.city}). */
    public Image map(String name) {
        return new Image(require(name, AttributeValue.Type.M).m(), location.child(name));
    }

    /** The L attribute {@code name}; an empty list stays empty. */
    public List<AttributeValue> list(String name) {
        return require(name, AttributeValue.Type.L).l();
    }

    private AttributeValue require(String name, AttributeValue.Type expected) {
        AttributeValue value = attributes.get(name);
        if (value == null) {
            throw location.child(name).error("is missing, expected " + typeName(expected));
        }
        return ofType(value, name, expected);
    }

    private Optional<AttributeValue> optional(String name, AttributeValue.Type expected) {
        AttributeValue value = attributes.get(name);
        if (value == null || value.type() == AttributeValue.Type.NUL) {
            return Optional.empty();
        }
        return Optional.of(ofType(value, name, expected));
    }

    private AttributeValue ofType(AttributeValue value, String name, AttributeValue.Type expected) {
        if (value.type() != expected) {
            throw location.child(name).error("is " + AttributeChecks.typeName(value) + ", expected " + typeName(expected));
        }
        return value;
    }

    private static String typeName(AttributeValue.Type type) {
        return type == AttributeValue.Type.NUL ? "NULL" : type.name();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Image image && attributes.equals(image.attributes);
    }

    @Override
    public int hashCode() {
        return attributes.hashCode();
    }

    @Override
    public String toString() {
        return attributes.toString();
    }
}
