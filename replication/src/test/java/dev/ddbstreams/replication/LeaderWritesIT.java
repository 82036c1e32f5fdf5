package dev.ddbstreams.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbstreams.localcloud.dynamodb.DynamoDbLocalExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** LeaderWrites on DynamoDB Local: the stamps, tombstones, and what it refuses. */
@ExtendWith(DynamoDbLocalExtension.class)
class LeaderWritesIT {

    private static final AtomicInteger TABLES = new AtomicInteger();
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final Map<String, AttributeValue> KEY = Map.of("PK", AttributeValue.fromS("player#1"));

    private final DynamoDbClient dynamoDb;
    private final String table = "game_state_" + TABLES.incrementAndGet();

    LeaderWritesIT(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
        dynamoDb.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(d -> d.attributeName("PK").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("PK").keyType(KeyType.HASH)));
    }

    private LeaderWrites writes(String region, InstantSource clock) {
        return new LeaderWrites(dynamoDb, table, List.of("PK"), region, clock, Duration.ofDays(7));
    }

    private Map<String, AttributeValue> stored() {
        return dynamoDb.getItem(b -> b.tableName(table).key(KEY).consistentRead(true)).item();
    }

    @Test
    void put_stampsOriginAndClock() {
        ItemVersion version = writes("us-east-1", InstantSource.fixed(NOW))
                .put(Map.of("PK", KEY.get("PK"), "score", AttributeValue.fromN("10")));

        assertThat(version).isEqualTo(new ItemVersion(NOW.toEpochMilli(), "us-east-1"));
        assertThat(stored()).containsEntry(ItemVersion.ORIGIN, AttributeValue.fromS("us-east-1"))
                .containsEntry(ItemVersion.UPDATED, AttributeValue.fromN(Long.toString(NOW.toEpochMilli())))
                .containsEntry("score", AttributeValue.fromN("10"));
    }

    @Test
    void write_whenTheClockIsBehindTheStoredVersion_stampsOneMillisecondAfterIt() {
        writes("us-west-2", InstantSource.fixed(NOW.plusSeconds(5))).put(Map.of("PK", KEY.get("PK")));

        ItemVersion behind = writes("us-east-1", InstantSource.fixed(NOW)).update(KEY,
                Map.of("score", AttributeValue.fromN("11")));

        assertThat(behind).isEqualTo(new ItemVersion(NOW.plusSeconds(5).toEpochMilli() + 1, "us-east-1"));
        assertThat(ItemVersion.of(stored())).contains(behind);
    }

    @Test
    void delete_writesATombstoneThatExpires_andUpdateRevivesIt() {
        LeaderWrites writes = writes("us-east-1", InstantSource.fixed(NOW));
        writes.put(Map.of("PK", KEY.get("PK"), "score", AttributeValue.fromN("10")));

        writes.delete(KEY);

        assertThat(writes.get(KEY)).isEmpty();
        assertThat(stored()).containsOnlyKeys("PK", ItemVersion.ORIGIN, ItemVersion.UPDATED, ItemVersion.DELETED,
                        ItemVersion.EXPIRES)
                .containsEntry(ItemVersion.EXPIRES, AttributeValue.fromN(Long.toString(NOW.plus(Duration.ofDays(7))
                        .getEpochSecond())));

        writes.update(KEY, Map.of("score", AttributeValue.fromN("1")));

        assertThat(writes.get(KEY)).hasValueSatisfying(item -> assertThat(item)
                .containsOnlyKeys("PK", "score", ItemVersion.ORIGIN, ItemVersion.UPDATED));
    }

    @Test
    void put_withAReplicationAttribute_isRefused() {
        assertThatThrownBy(() -> writes("us-east-1", InstantSource.system())
                .put(Map.of("PK", KEY.get("PK"), ItemVersion.ORIGIN, AttributeValue.fromS("us-west-2"))))
                .hasMessage("attributes [_origin] are set by LeaderWrites, not by the caller");
    }

    @Test
    void update_ofTheKey_isRefused() {
        assertThatThrownBy(() -> writes("us-east-1", InstantSource.system()).update(KEY, KEY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not the key [PK]");
    }
}
