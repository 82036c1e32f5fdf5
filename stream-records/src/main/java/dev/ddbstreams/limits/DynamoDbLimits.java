package dev.ddbstreams.limits;

import dev.ddbstreams.limits.LimitViolation.Limit;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Checks an item or a key against DynamoDB's documented limits before it is written, so a record
 * that can never be written is recognised as such instead of failing the same way on every retry.
 * Pure: no client, no I/O.
 *
 * <p>Checked: partition key value at most 2,048 bytes, sort key value at most 1,024 bytes, key
 * values present, of type S, N or B and not empty; item at most 400 KB computed as the item-size
 * page describes (attribute name UTF-8 bytes plus value size; a number one byte per two
 * significant digits plus one; 3 bytes for a list or map plus 1 per element); numbers at most 38
 * significant digits with a magnitude from 1E-130 to 9.9999999999999999999999999999999999999E+125;
 * sets not empty and without duplicates (numbers compared by value, so {@code 1} and {@code 1.0}
 * are one element); documents nested at most 32 levels.
 *
 * <p>The number size is the page's approximation: DynamoDB's own encoding can differ by a byte,
 * so an item within a few bytes of 400 KB may be judged differently (the IT shows how close).
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html">Service, account, and table quotas in Amazon DynamoDB</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html">DynamoDB item sizes and formats</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html">Supported data types and naming rules</a>
 */
public final class DynamoDbLimits {

    public static final int MAX_PARTITION_KEY_BYTES = 2_048;
    public static final int MAX_SORT_KEY_BYTES = 1_024;
    public static final int MAX_ITEM_BYTES = 400 * 1_024;
    public static final int MAX_NUMBER_DIGITS = 38;
    public static final int MAX_NESTING_DEPTH = 32;
    public static final BigDecimal MAX_NUMBER_MAGNITUDE = new BigDecimal("9.9999999999999999999999999999999999999E+125");
    public static final BigDecimal MIN_NUMBER_MAGNITUDE = new BigDecimal("1E-130");

    private static final String ITEM = "(item)";
    private static final int LIST_OR_MAP_OVERHEAD = 3;
    private static final int ELEMENT_OVERHEAD = 1;

    private final String partitionKey;
    private final String sortKey;
    /** Secondary index key attributes: an item that has one must hold a valid key value of its declared type. */
    private final Map<String, IndexKey> indexKeys;

    private record IndexKey(ScalarAttributeType type, boolean sortKey) {
    }

    private DynamoDbLimits(String partitionKey, String sortKey, Map<String, IndexKey> indexKeys) {
        this.partitionKey = Objects.requireNonNull(partitionKey, "partitionKey");
        this.sortKey = sortKey;
        this.indexKeys = Map.copyOf(indexKeys);
    }

    /** For a table keyed by a partition key alone. */
    public static DynamoDbLimits forTable(String partitionKey) {
        return new DynamoDbLimits(partitionKey, null, Map.of());
    }

    /** For a table keyed by a partition key and a sort key. */
    public static DynamoDbLimits forTable(String partitionKey, String sortKey) {
        return new DynamoDbLimits(partitionKey, Objects.requireNonNull(sortKey, "sortKey"), Map.of());
    }

    /**
     * These limits plus a secondary index's key attribute: an item holding it must give it the
     * attribute definition's type, not empty, within the key size limits (an item without it is
     * simply not in the index). DynamoDB refuses such an item with a ValidationException.
     */
    public DynamoDbLimits withIndexKey(String attribute, ScalarAttributeType type, boolean isSortKey) {
        Map<String, IndexKey> keys = new HashMap<>(indexKeys);
        keys.put(Objects.requireNonNull(attribute, "attribute"), new IndexKey(Objects.requireNonNull(type, "type"),
                isSortKey));
        return new DynamoDbLimits(partitionKey, sortKey, keys);
    }

    /** The first limit a whole item (as for PutItem) breaks, keys first; empty if it is within every limit. */
    public Optional<LimitViolation> checkItem(Map<String, AttributeValue> item) {
        Optional<LimitViolation> key = checkKeyAttributes(item);
        if (key.isPresent()) {
            return key;
        }
        for (Map.Entry<String, IndexKey> index : indexKeys.entrySet()) {
            Optional<LimitViolation> indexKey = checkIndexKey(index.getKey(), item.get(index.getKey()), index.getValue());
            if (indexKey.isPresent()) {
                return indexKey;
            }
        }
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            Optional<LimitViolation> value = checkValue(attribute.getKey(), attribute.getValue(), 1);
            if (value.isPresent()) {
                return value;
            }
        }
        long size = itemSize(item);
        if (size > MAX_ITEM_BYTES) {
            String largest = item.entrySet().stream()
                    .max((a, b) -> Long.compare(attributeSize(a.getKey(), a.getValue()), attributeSize(b.getKey(), b.getValue())))
                    .map(Map.Entry::getKey).orElse(ITEM);
            return violation(ITEM, Limit.ITEM_SIZE, "the item is %,d bytes (%,d of them in %s); an item is at most %,d bytes (400 KB)",
                    size, attributeSize(largest, item.get(largest)), largest, MAX_ITEM_BYTES);
        }
        return Optional.empty();
    }

    /** The first limit a key (as for GetItem, DeleteItem or UpdateItem's Key) breaks. */
    public Optional<LimitViolation> checkKey(Map<String, AttributeValue> key) {
        return checkKeyAttributes(key);
    }

    /** @throws LimitViolationException naming the first limit the item breaks */
    public void requireValidItem(Map<String, AttributeValue> item) {
        checkItem(item).ifPresent(violation -> {
            throw new LimitViolationException(violation);
        });
    }

    /** The first limit a number breaks (format, precision or magnitude), named {@code attribute}. */
    public static Optional<LimitViolation> checkNumber(String attribute, String number) {
        BigDecimal value;
        try {
            value = new BigDecimal(number.trim());
        } catch (NumberFormatException e) {
            return violation(attribute, Limit.NUMBER_FORMAT, "%s is \"%s\", which is not a number", attribute, number);
        }
        int digits = significantDigits(value);
        if (digits > MAX_NUMBER_DIGITS) {
            return violation(attribute, Limit.NUMBER_PRECISION, "%s has %d significant digits; a number has at most %d",
                    attribute, digits, MAX_NUMBER_DIGITS);
        }
        BigDecimal magnitude = value.abs();
        if (magnitude.compareTo(MAX_NUMBER_MAGNITUDE) > 0
                || (magnitude.signum() != 0 && magnitude.compareTo(MIN_NUMBER_MAGNITUDE) < 0)) {
            return violation(attribute, Limit.NUMBER_MAGNITUDE, "%s is %s; a number's magnitude is from %s to %s",
                    attribute, value.toString(), MIN_NUMBER_MAGNITUDE, MAX_NUMBER_MAGNITUDE);
        }
        return Optional.empty();
    }

    /** The item's size as the item-size page computes it: every attribute's name and value. */
    public static long itemSize(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += attributeSize(attribute.getKey(), attribute.getValue());
        }
        return size;
    }

    /** A number's size: one byte per two significant digits (leading and trailing zeros trimmed), plus one. */
    static long numberSize(String number) {
        return (significantDigits(new BigDecimal(number.trim())) + 1) / 2 + 1;
    }

    private static long attributeSize(String name, AttributeValue value) {
        return utf8Length(name) + valueSize(value);
    }

    private static long valueSize(AttributeValue value) {
        switch (value.type()) {
            case S:
                return utf8Length(value.s());
            case N:
                return numberSize(value.n());
            case B:
                return value.b().asByteArrayUnsafe().length;
            case BOOL:
            case NUL:
                return 1;
            case SS:
                return value.ss().stream().mapToLong(DynamoDbLimits::utf8Length).sum();
            case NS:
                return value.ns().stream().mapToLong(DynamoDbLimits::numberSize).sum();
            case BS:
                return value.bs().stream().mapToLong(bytes -> bytes.asByteArrayUnsafe().length).sum();
            case L:
                return LIST_OR_MAP_OVERHEAD + value.l().stream().mapToLong(element -> ELEMENT_OVERHEAD + valueSize(element)).sum();
            case M:
                return LIST_OR_MAP_OVERHEAD + value.m().entrySet().stream()
                        .mapToLong(entry -> ELEMENT_OVERHEAD + attributeSize(entry.getKey(), entry.getValue())).sum();
            default:
                throw new IllegalArgumentException("attribute value of unknown type: " + value);
        }
    }

    private Optional<LimitViolation> checkKeyAttributes(Map<String, AttributeValue> key) {
        Optional<LimitViolation> partition = checkKeyValue(partitionKey, key.get(partitionKey), "partition key",
                Limit.PARTITION_KEY_SIZE, MAX_PARTITION_KEY_BYTES);
        if (partition.isPresent() || sortKey == null) {
            return partition;
        }
        return checkKeyValue(sortKey, key.get(sortKey), "sort key", Limit.SORT_KEY_SIZE, MAX_SORT_KEY_BYTES);
    }

    private static Optional<LimitViolation> checkIndexKey(String name, AttributeValue value, IndexKey key) {
        if (value == null) {
            return Optional.empty();
        }
        String role = key.sortKey() ? "index sort key" : "index partition key";
        if (!value.type().name().equals(key.type().name())) {
            return violation(name, Limit.KEY_TYPE, "%s is of type %s; it is an %s of type %s", name, value.type(), role,
                    key.type());
        }
        return key.sortKey() ? checkKeyValue(name, value, role, Limit.SORT_KEY_SIZE, MAX_SORT_KEY_BYTES)
                : checkKeyValue(name, value, role, Limit.PARTITION_KEY_SIZE, MAX_PARTITION_KEY_BYTES);
    }

    private static Optional<LimitViolation> checkKeyValue(String name, AttributeValue value, String role, Limit sizeLimit,
            int maxBytes) {
        if (value == null) {
            return violation(name, Limit.MISSING_KEY, "%s is missing; it is the %s", name, role);
        }
        long bytes;
        switch (value.type()) {
            case S:
                bytes = utf8Length(value.s());
                break;
            case B:
                bytes = value.b().asByteArrayUnsafe().length;
                break;
            case N:
                return checkNumber(name, value.n());
            default:
                return violation(name, Limit.KEY_TYPE, "%s is of type %s; a %s is a string, number or binary",
                        name, value.type(), role);
        }
        if (bytes == 0) {
            return violation(name, Limit.EMPTY_KEY, "%s is empty; a %s string or binary has at least 1 byte", name, role);
        }
        if (bytes > maxBytes) {
            return violation(name, sizeLimit, "%s is %,d bytes; a %s is at most %,d bytes", name, bytes, role, maxBytes);
        }
        return Optional.empty();
    }

    private static Optional<LimitViolation> checkValue(String path, AttributeValue value, int depth) {
        switch (value.type()) {
            case N:
                return checkNumber(path, value.n());
            case SS:
                return checkSet(path, value.ss(), text -> text);
            case NS:
                for (String number : value.ns()) {
                    Optional<LimitViolation> invalid = checkNumber(path, number);
                    if (invalid.isPresent()) {
                        return invalid;
                    }
                }
                return checkSet(path, value.ns(), number -> new BigDecimal(number.trim()).stripTrailingZeros());
            case BS:
                return checkSet(path, value.bs(), bytes -> bytes);
            case L:
                return checkNested(path, depth, indexed(path, value.l()));
            case M:
                List<Map.Entry<String, AttributeValue>> members = new ArrayList<>();
                value.m().forEach((name, member) -> members.add(Map.entry(path + "." + name, member)));
                return checkNested(path, depth, members);
            default:
                return Optional.empty();
        }
    }

    private static List<Map.Entry<String, AttributeValue>> indexed(String path, List<AttributeValue> elements) {
        List<Map.Entry<String, AttributeValue>> entries = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            entries.add(Map.entry(path + "[" + i + "]", elements.get(i)));
        }
        return entries;
    }

    private static Optional<LimitViolation> checkNested(String path, int depth, List<Map.Entry<String, AttributeValue>> members) {
        if (depth > MAX_NESTING_DEPTH) {
            return violation(path, Limit.NESTING_DEPTH, "%s is nested %d levels deep; a document is nested at most %d levels",
                    path, depth, MAX_NESTING_DEPTH);
        }
        for (Map.Entry<String, AttributeValue> member : members) {
            Optional<LimitViolation> invalid = checkValue(member.getKey(), member.getValue(), depth + 1);
            if (invalid.isPresent()) {
                return invalid;
            }
        }
        return Optional.empty();
    }

    private static <T> Optional<LimitViolation> checkSet(String path, List<T> elements,
            Function<T, Object> identity) {
        if (elements.isEmpty()) {
            return violation(path, Limit.EMPTY_SET, "%s is an empty set; a set has at least one element", path);
        }
        Set<Object> seen = new HashSet<>();
        for (T element : elements) {
            if (!seen.add(identity.apply(element))) {
                return violation(path, Limit.DUPLICATE_IN_SET, "%s holds an element twice; a set's elements are distinct", path);
            }
        }
        return Optional.empty();
    }

    private static int significantDigits(BigDecimal value) {
        return value.signum() == 0 ? 1 : value.stripTrailingZeros().precision();
    }

    private static long utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static Optional<LimitViolation> violation(String attribute, Limit limit, String format, Object... arguments) {
        return Optional.of(new LimitViolation(attribute, limit, String.format(Locale.ROOT, format, arguments)));
    }
}
