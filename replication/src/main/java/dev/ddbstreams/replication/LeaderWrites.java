package dev.ddbstreams.replication;

import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * How applications write a multi-leader table: every put, update and delete stamps the item with
 * its version ({@link ItemVersion}: this region as {@value ItemVersion#ORIGIN}, a timestamp as
 * {@value ItemVersion#UPDATED}), and a delete writes a tombstone ({@value ItemVersion#DELETED}
 * {@code true}, expiring by TTL after {@code tombstoneTtl}). Only writes made through this class
 * are replicated: a write without the attributes is filtered out by the replicator's trigger (and
 * logged as NOT REPLICATED by {@link MultiLeaderWriter} if it reaches it), and a plain DeleteItem
 * leaves the item in the other regions.
 *
 * <p>The timestamp is {@code max(clock, stored + 1)}: strictly increasing per item even when this
 * region's clock is behind the version it overwrites, so a write that follows another (read it,
 * or was replicated over it) always wins over it. Each write is conditional on the version it read
 * (optimistic locking): if another writer, local or replicated, got in between, it reads again.
 * Concurrent writes in two regions that did not see each other are decided by the timestamps:
 * last writer wins trusts the regions' clocks (see the module README on skew).
 */
public final class LeaderWrites {

    /** Longer than a change can take to reach the peers (the stream keeps records 24 hours). */
    public static final Duration DEFAULT_TOMBSTONE_TTL = Duration.ofDays(7);

    private static final int MAX_ATTEMPTS = 10;
    private static final Set<String> RESERVED = Set.of(ItemVersion.ORIGIN, ItemVersion.UPDATED, ItemVersion.DELETED,
            ItemVersion.EXPIRES);

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final List<String> keyNames;
    private final String region;
    private final InstantSource clock;
    private final Duration tombstoneTtl;

    /**
     * @param keyNames the table's key attributes (partition key, and sort key if any)
     * @param region this region: the origin of every write made here
     */
    public LeaderWrites(DynamoDbClient dynamoDb, String tableName, List<String> keyNames, String region,
            InstantSource clock, Duration tombstoneTtl) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.keyNames = List.copyOf(keyNames);
        this.region = region;
        this.clock = clock;
        this.tombstoneTtl = tombstoneTtl;
    }

    /** The region whose writes this instance stamps. */
    public String region() {
        return region;
    }

    /** Writes the whole item (replacing any stored one, or its tombstone); returns the version it got. */
    public ItemVersion put(Map<String, AttributeValue> item) {
        requireNoReserved(item);
        Map<String, AttributeValue> key = keyOf(item);
        return write(key, (version, condition) -> {
            Map<String, AttributeValue> stamped = new LinkedHashMap<>(item);
            stamped.put(ItemVersion.ORIGIN, AttributeValue.fromS(version.origin()));
            stamped.put(ItemVersion.UPDATED, AttributeValue.fromN(Long.toString(version.updated())));
            dynamoDb.putItem(b -> b.tableName(tableName).item(stamped).conditionExpression(condition.expression())
                    .expressionAttributeNames(condition.names())
                    .expressionAttributeValues(condition.values().isEmpty() ? null : condition.values()));
        });
    }

    /**
     * Sets attributes of the item, creating it if it is missing or deleted (as UpdateItem does);
     * returns the version it got. The whole item is replicated, not only these attributes.
     */
    public ItemVersion update(Map<String, AttributeValue> key, Map<String, AttributeValue> attributes) {
        requireNoReserved(attributes);
        if (attributes.isEmpty() || attributes.keySet().stream().anyMatch(keyNames::contains)) {
            throw new IllegalArgumentException("update needs attributes to set, not the key " + keyNames + ": got "
                    + attributes.keySet());
        }
        Map<String, AttributeValue> exactKey = keyOf(key);
        return write(exactKey, (version, condition) -> {
            Map<String, String> names = new HashMap<>(condition.names());
            Map<String, AttributeValue> values = new HashMap<>(condition.values());
            StringJoiner set = new StringJoiner(", ", "SET ", "");
            int i = 0;
            for (Map.Entry<String, AttributeValue> attribute : attributes.entrySet()) {
                names.put("#a" + i, attribute.getKey());
                values.put(":a" + i, attribute.getValue());
                set.add("#a" + i + " = :a" + i);
                i++;
            }
            names.putAll(Map.of("#u", ItemVersion.UPDATED, "#o", ItemVersion.ORIGIN, "#d", ItemVersion.DELETED,
                    "#e", ItemVersion.EXPIRES));
            values.put(":nu", AttributeValue.fromN(Long.toString(version.updated())));
            values.put(":no", AttributeValue.fromS(version.origin()));
            set.add("#u = :nu").add("#o = :no");
            dynamoDb.updateItem(b -> b.tableName(tableName).key(exactKey)
                    .updateExpression(set + " REMOVE #d, #e").conditionExpression(condition.expression())
                    .expressionAttributeNames(names).expressionAttributeValues(values));
        });
    }

    /** Deletes the item by writing a tombstone in its place; returns the tombstone's version. */
    public ItemVersion delete(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> exactKey = keyOf(key);
        return write(exactKey, (version, condition) -> {
            Map<String, AttributeValue> tombstone = new LinkedHashMap<>(exactKey);
            tombstone.put(ItemVersion.ORIGIN, AttributeValue.fromS(version.origin()));
            tombstone.put(ItemVersion.UPDATED, AttributeValue.fromN(Long.toString(version.updated())));
            tombstone.put(ItemVersion.DELETED, AttributeValue.fromBool(true));
            long expires = clock.instant().plus(tombstoneTtl).getEpochSecond();
            tombstone.put(ItemVersion.EXPIRES, AttributeValue.fromN(Long.toString(expires)));
            dynamoDb.putItem(b -> b.tableName(tableName).item(tombstone).conditionExpression(condition.expression())
                    .expressionAttributeNames(condition.names())
                    .expressionAttributeValues(condition.values().isEmpty() ? null : condition.values()));
        });
    }

    /** The item, or empty if it is missing or a tombstone (strongly consistent read). */
    public Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName).key(keyOf(key))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty() || isTombstone(item)) {
            return Optional.empty();
        }
        return Optional.of(item);
    }

    /** True if the stored item is a tombstone (a deleted item whose delete is being replicated). */
    public static boolean isTombstone(Map<String, AttributeValue> item) {
        AttributeValue deleted = item.get(ItemVersion.DELETED);
        return deleted != null && Boolean.TRUE.equals(deleted.bool());
    }

    /** The condition that the item still holds the version read before the write. */
    private record Condition(String expression, Map<String, String> names, Map<String, AttributeValue> values) {
    }

    private interface VersionedWrite {
        /** @throws ConditionalCheckFailedException if the item no longer holds the version read */
        void send(ItemVersion version, Condition condition);
    }

    private ItemVersion write(Map<String, AttributeValue> key, VersionedWrite write) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<ItemVersion> stored = storedVersion(key);
            long floor = stored.map(version -> version.updated() + 1).orElse(Long.MIN_VALUE);
            ItemVersion next = new ItemVersion(Math.max(clock.millis(), floor), region);
            Condition condition = stored
                    .map(version -> new Condition("#u = :su AND #o = :so", Map.of("#u", ItemVersion.UPDATED,
                            "#o", ItemVersion.ORIGIN), Map.of(":su", AttributeValue.fromN(Long.toString(version.updated())),
                            ":so", AttributeValue.fromS(version.origin()))))
                    .orElseGet(() -> new Condition("attribute_not_exists(#u)", Map.of("#u", ItemVersion.UPDATED), Map.of()));
            try {
                write.send(next, condition);
                return next;
            } catch (ConditionalCheckFailedException e) {
                // Handled: another write (local or replicated) got in between; read its version and stamp above it.
            }
        }
        throw new IllegalStateException("item " + key + " of " + tableName + " changed under each of " + MAX_ATTEMPTS
                + " attempts to write it");
    }

    private Optional<ItemVersion> storedVersion(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName).key(key).consistentRead(true)
                .projectionExpression("#u, #o")
                .expressionAttributeNames(Map.of("#u", ItemVersion.UPDATED, "#o", ItemVersion.ORIGIN))).item();
        return item == null ? Optional.empty() : ItemVersion.of(item);
    }

    private Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (String name : keyNames) {
            AttributeValue value = item.get(name);
            if (value == null) {
                throw new IllegalArgumentException("key attribute " + name + " is missing from " + item.keySet());
            }
            key.put(name, value);
        }
        return key;
    }

    private static void requireNoReserved(Map<String, AttributeValue> attributes) {
        List<String> reserved = attributes.keySet().stream().filter(RESERVED::contains).sorted().toList();
        if (!reserved.isEmpty()) {
            throw new IllegalArgumentException("attributes " + reserved + " are set by LeaderWrites, not by the caller");
        }
    }
}
