package dev.ddbstreams.replication;

import dev.ddbstreams.records.Image;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The version a multi-leader item carries in its replication attributes: when it was written
 * ({@value #UPDATED}, epoch milliseconds) and in which region ({@value #ORIGIN}). The conflict
 * rule is last writer wins: the later {@code updated} wins, and on equal times the greater
 * origin region name (compared as strings), so every region picks the same winner.
 *
 * @param updated epoch milliseconds, strictly increasing per item ({@link LeaderWrites})
 * @param origin the region whose application wrote this version
 */
public record ItemVersion(long updated, String origin) implements Comparable<ItemVersion> {

    /** The region whose application wrote the item (S). */
    public static final String ORIGIN = "_origin";
    /** When, in epoch milliseconds (N). */
    public static final String UPDATED = "_updated";
    /** {@code true} on a tombstone: the item was deleted (BOOL). */
    public static final String DELETED = "_deleted";
    /** When the tombstone may go, in epoch seconds: the table's TTL attribute (N). */
    public static final String EXPIRES = "_expires";

    private static final Comparator<ItemVersion> ORDER =
            Comparator.comparingLong(ItemVersion::updated).thenComparing(ItemVersion::origin);

    /**
     * The condition that lets a write of this version through only over an older one (or an item
     * without a version): {@code attribute_not_exists(_updated) OR _updated < :u OR (_updated = :u
     * AND _origin < :o)}. Names {@code #u}, {@code #o}; values {@code :u}, {@code :o}.
     */
    public static final String NEWER_THAN_STORED =
            "attribute_not_exists(#u) OR #u < :u OR (#u = :u AND #o < :o)";

    public ItemVersion {
        if (origin == null || origin.isBlank()) {
            throw new IllegalArgumentException("an item version needs an origin region");
        }
    }

    /**
     * The version in a stream image.
     *
     * @throws dev.ddbstreams.records.ChangeRecordException naming the record if an attribute is missing or of another type
     * @throws IllegalArgumentException if {@value #UPDATED} is not a whole number of milliseconds
     */
    public static ItemVersion of(Image image) {
        BigDecimal updated = image.number(UPDATED);
        try {
            return new ItemVersion(updated.longValueExact(), image.string(ORIGIN));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(UPDATED + " is " + updated + ", expected whole epoch milliseconds", e);
        }
    }

    /** The version of a stored item, if it has one. */
    public static Optional<ItemVersion> of(Map<String, AttributeValue> item) {
        AttributeValue updated = item.get(UPDATED);
        AttributeValue origin = item.get(ORIGIN);
        if (updated == null || updated.n() == null || origin == null || origin.s() == null) {
            return Optional.empty();
        }
        return Optional.of(new ItemVersion(Long.parseLong(updated.n()), origin.s()));
    }

    /** {@code #u} and {@code #o} for {@link #NEWER_THAN_STORED}. */
    public static Map<String, String> names() {
        return Map.of("#u", UPDATED, "#o", ORIGIN);
    }

    /** {@code :u} and {@code :o} for {@link #NEWER_THAN_STORED}. */
    public Map<String, AttributeValue> values() {
        return Map.of(":u", AttributeValue.fromN(Long.toString(updated)), ":o", AttributeValue.fromS(origin));
    }

    public boolean isNewerThan(ItemVersion other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(ItemVersion other) {
        return ORDER.compare(this, other);
    }
}
