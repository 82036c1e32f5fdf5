package dev.ddbstreams.windows;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import dev.ddbstreams.limits.DynamoDbLimits;
import dev.ddbstreams.localcloud.dynamodb.DynamoDbLocalExtension;
import dev.ddbstreams.windows.testing.KeptPoison;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** A window's final invocation on DynamoDB Local when one group's sum can no longer be stored. */
class WindowedAggregationIT {

    @RegisterExtension
    static final DynamoDbLocalExtension LOCAL = new DynamoDbLocalExtension();

    @Test
    void finalInvoke_whenAGroupsSumWouldPass38Digits_quarantinesItsIncrementWithTheRecordsAtHand_evenWhenReplayed() {
        DynamoDbClient dynamoDb = LOCAL.dynamoDb();
        dynamoDb.createTable(b -> b.tableName("stats").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("sensor").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("sensor").keyType(KeyType.HASH)));
        dynamoDb.createTable(b -> b.tableName("windows").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("window").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("window").keyType(KeyType.HASH)));
        String full = "9".repeat(DynamoDbLimits.MAX_NUMBER_DIGITS);
        dynamoDb.putItem(b -> b.tableName("stats").item(Map.of("sensor", AttributeValue.fromS("s-1"),
                "item_count", AttributeValue.fromN("1"), "value_sum", AttributeValue.fromN(full))));
        KeptPoison poison = new KeptPoison();
        List<String> metrics = new ArrayList<>();
        WindowedAggregation aggregation = new WindowedAggregation(new StatisticsAggregator("sensor", "reading"),
                new WindowCommitter(dynamoDb, "stats", "windows", Duration.ofDays(2), InstantSource.system()),
                new InvalidRecords("Statistics", InstantSource.fixed(Instant.EPOCH), metrics::add),
                DynamoDbLimits.forTable("sensor"), poison);
        DynamodbEvent.DynamodbStreamRecord toFull = WindowEvents.record("statistics-insert.json");
        DynamodbEvent.DynamodbStreamRecord elsewhere = WindowEvents.record("statistics-modify-move.json");
        DynamodbTimeWindowEvent last = WindowEvents.window(true, toFull, elsewhere);

        aggregation.process(last);
        aggregation.process(last);

        assertThat(poison.increments).hasSize(2).allSatisfy(kept -> {
            assertThat(kept.increment().increment().key()).isEqualTo(Map.of("sensor", AttributeValue.fromS("s-1")));
            // statistics-modify-move takes 23.25 out of s-1 too: both records moved the refused sum.
            assertThat(kept.records()).extracting(r -> r.eventId()).containsExactly(toFull.getEventID(), elsewhere.getEventID());
            assertThat(kept.window().firstSequence()).contains(toFull.getDynamodb().getSequenceNumber());
            assertThat(kept.increment().violation().attribute()).isEqualTo("value_sum");
        });
        assertThat(poison.increments.get(1).increment()).isEqualTo(poison.increments.get(0).increment());
        assertThat(dynamoDb.getItem(b -> b.tableName("stats").key(Map.of("sensor", AttributeValue.fromS("s-2")))
                .consistentRead(true)).item()).containsEntry("item_count", AttributeValue.fromN("1"))
                .containsEntry("value_sum", AttributeValue.fromN("19"));
        assertThat(dynamoDb.getItem(b -> b.tableName("stats").key(Map.of("sensor", AttributeValue.fromS("s-1")))
                .consistentRead(true)).item()).containsEntry("value_sum", AttributeValue.fromN(full));
        assertThat(metrics).hasSize(2).allSatisfy(line -> assertThat(line).contains("\"InvalidRecords\":1"));
    }
}
