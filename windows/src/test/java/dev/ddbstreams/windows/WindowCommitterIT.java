package dev.ddbstreams.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ddbstreams.limits.LimitViolation;
import dev.ddbstreams.localcloud.dynamodb.DynamoDbLocalExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The commit on DynamoDB Local when some items' sums would pass DynamoDB's 38 significant digits:
 * those increments are refused (and kept in the marker), every other item is committed once, and a
 * replay of the commit neither adds twice nor forgets which increments were refused.
 */
class WindowCommitterIT {

    @RegisterExtension
    static final DynamoDbLocalExtension LOCAL = new DynamoDbLocalExtension();

    private static final AtomicInteger TABLES = new AtomicInteger();
    private static final String MAX_38_DIGITS = "9".repeat(38);

    private DynamoDbClient dynamoDb;
    private String stats;
    private WindowCommitter committer;

    @BeforeEach
    void createTables() {
        dynamoDb = LOCAL.dynamoDb();
        int n = TABLES.incrementAndGet();
        stats = "stats_" + n;
        String windows = "windows_" + n;
        dynamoDb.createTable(b -> b.tableName(stats).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("sensor").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("sensor").keyType(KeyType.HASH)));
        dynamoDb.createTable(b -> b.tableName(windows).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("window").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("window").keyType(KeyType.HASH)));
        committer = new WindowCommitter(dynamoDb, stats, windows, Duration.ofDays(2), InstantSource.system());
    }

    @Test
    void commit_whenSomeSumsWouldPass38Digits_refusesThoseAndCommitsTheOthersOnce() {
        put("s-full", "3", MAX_38_DIGITS);
        put("s-float", "1", "1E+100");
        List<Increment> increments = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            increments.add(increment(String.format("s-%03d", i), "1", Integer.toString(i)));
        }
        increments.add(increment("s-float", "1", "1"));
        increments.add(increment("s-full", "1", "0.5"));
        increments.sort((a, b) -> WindowDeltas.encodeKey(a.key()).compareTo(WindowDeltas.encodeKey(b.key())));

        WindowCommitter.Result first = committer.commit("window-a", increments);
        WindowCommitter.Result replay = committer.commit("window-a", increments);

        assertThat(first.transactionsCommitted()).isEqualTo(2);
        assertThat(first.refused()).extracting(r -> r.increment().key().get("sensor").s())
                .containsExactlyInAnyOrder("s-float", "s-full");
        assertThat(first.refused()).allSatisfy(r -> {
            assertThat(r.violation().limit()).isEqualTo(LimitViolation.Limit.NUMBER_PRECISION);
            assertThat(r.violation().attribute()).isEqualTo("value_sum");
        });
        assertThat(first.refused()).filteredOn(r -> r.increment().key().get("sensor").s().equals("s-full"))
                .singleElement().satisfies(r -> assertThat(r.current()).containsEntry("value_sum", new BigDecimal(MAX_38_DIGITS)));
        assertThat(replay.transactionsCommitted()).isZero();
        assertThat(replay.transactionsAlreadyApplied()).isEqualTo(2);
        assertThat(replay.refused()).isEqualTo(first.refused());
        for (int i = 0; i < 150; i++) {
            assertThat(item(String.format("s-%03d", i))).containsEntry("item_count", AttributeValue.fromN("1"))
                    .containsEntry("value_sum", AttributeValue.fromN(Integer.toString(i)))
                    .containsEntry("value_max", AttributeValue.fromN(Integer.toString(i)));
        }
        assertThat(item("s-full")).containsEntry("item_count", AttributeValue.fromN("3"))
                .containsEntry("value_sum", AttributeValue.fromN(MAX_38_DIGITS)).doesNotContainKey("value_max");
        assertThat(sum("s-float")).isEqualByComparingTo("1E+100");
    }

    @Test
    void commit_whenAnAmountIsNoDynamoDbNumberOrTheItemHoldsAString_refusesItWithoutFailing() {
        put("s-text", "1", null);
        dynamoDb.updateItem(b -> b.tableName(stats).key(Map.of("sensor", AttributeValue.fromS("s-text")))
                .updateExpression("SET value_sum = :text").expressionAttributeValues(Map.of(":text", AttributeValue.fromS("lots"))));
        List<Increment> increments = List.of(increment("s-1", "2", "1" + "0".repeat(40) + "1"),
                increment("s-2", "1", "7"), increment("s-text", "1", "7"));

        WindowCommitter.Result result = committer.commit("window-b", increments);

        assertThat(result.refused()).extracting(r -> r.increment().key().get("sensor").s(), r -> r.violation().limit())
                .containsExactly(tuple("s-1", LimitViolation.Limit.NUMBER_PRECISION),
                        tuple("s-text", LimitViolation.Limit.NUMBER_FORMAT));
        assertThat(item("s-1")).isEmpty();
        assertThat(item("s-2")).containsEntry("value_sum", AttributeValue.fromN("7"));
        assertThat(item("s-text")).containsEntry("item_count", AttributeValue.fromN("1"));
    }

    @Test
    void commit_whenACountWouldPass38Digits_refusesTheItemsIncrementWhole() {
        String count = MAX_38_DIGITS;
        put("s-many", count, "5");

        // 99...9 (38 digits) + 2 = 100...01 (39 digits); + 1 would be 1E+38, one digit.
        WindowCommitter.Result result = committer.commit("window-d", List.of(increment("s-many", "2", "2")));

        assertThat(result.refused()).singleElement().satisfies(r -> {
            assertThat(r.violation().attribute()).isEqualTo("item_count");
            assertThat(r.current()).containsEntry("item_count", new BigDecimal(count));
        });
        assertThat(item("s-many")).containsEntry("item_count", AttributeValue.fromN(count))
                .containsEntry("value_sum", AttributeValue.fromN("5"));
    }

    @Test
    void commit_whenASumWouldPassTheLargestMagnitude_refusesIt() {
        put("s-big", "1", "9E+125");
        WindowCommitter.Result result = committer.commit("window-c", List.of(increment("s-big", "1", "9E+125")));

        assertThat(result.refused()).singleElement()
                .satisfies(r -> assertThat(r.violation().limit()).isEqualTo(LimitViolation.Limit.NUMBER_MAGNITUDE));
        assertThat(result.transactionsCommitted()).isEqualTo(1);
        assertThat(sum("s-big")).isEqualByComparingTo("9E+125");
    }

    private static Increment increment(String sensor, String count, String value) {
        return new Increment(Map.of("sensor", AttributeValue.fromS(sensor)),
                Map.of("item_count", new BigDecimal(count), "value_sum", new BigDecimal(value)),
                Map.of("value_max", new BigDecimal(value)), Map.of());
    }

    private void put(String sensor, String count, String sum) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of("sensor", AttributeValue.fromS(sensor),
                "item_count", AttributeValue.fromN(count)));
        if (sum != null) {
            item.put("value_sum", AttributeValue.fromN(sum));
        }
        dynamoDb.putItem(b -> b.tableName(stats).item(item));
    }

    private BigDecimal sum(String sensor) {
        return new BigDecimal(item(sensor).get("value_sum").n());
    }

    private Map<String, AttributeValue> item(String sensor) {
        return dynamoDb.getItem(b -> b.tableName(stats).key(Map.of("sensor", AttributeValue.fromS(sensor)))
                .consistentRead(true)).item();
    }
}
