package dev.ddbstreams.aggregation;

import static dev.ddbstreams.aggregation.VoteAggregatorTest.key;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.ddbstreams.localcloud.dynamodb.DynamoDbLocalExtension;
import dev.ddbstreams.windows.InvalidRecords;
import dev.ddbstreams.windows.WindowCommitter;
import dev.ddbstreams.windows.WindowedAggregation;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

/** The handler on DynamoDB Local, fed the events Lambda sends for one tumbling window. */
class VoteCountHandlerIT {

    @RegisterExtension
    static final DynamoDbLocalExtension DYNAMODB = new DynamoDbLocalExtension();

    @Test
    void window_accumulatesInState_thenTheFinalInvokeCommitsOnce_evenWhenReplayed() {
        DynamoDbClient dynamoDb = DYNAMODB.dynamoDb();
        createTables(dynamoDb, "totals_1", "windows_1");
        StringBuilder metrics = new StringBuilder();
        VoteCountHandler handler = new VoteCountHandler(new WindowedAggregation(new VoteAggregator(),
                new WindowCommitter(dynamoDb, "totals_1", "windows_1", Duration.ofDays(2), InstantSource.system()),
                new InvalidRecords("VoteCounter", InstantSource.system(), metrics::append)));

        DynamodbTimeWindowEvent batch = EventLoader.loadEvent("events/votes-window.json", DynamodbTimeWindowEvent.class);
        TimeWindowEventResponse afterBatch = handler.handleRequest(batch, null);
        DynamodbTimeWindowEvent last = EventLoader.loadEvent("events/votes-window-final.json", DynamodbTimeWindowEvent.class);
        last.setState(afterBatch.getState());

        assertThat(dynamoDb.scan(b -> b.tableName("totals_1")).count()).isZero();
        handler.handleRequest(last, null);
        handler.handleRequest(last, null);

        assertThat(total(dynamoDb, "totals_1", "SOUTH", "MORE_TREES")).isEqualByComparingTo("1");
        assertThat(total(dynamoDb, "totals_1", "WEST", "BIKE_LANES")).isEqualByComparingTo("1");
        assertThat(dynamoDb.scan(b -> b.tableName("windows_1")).count()).isEqualTo(1);
        assertThat(metrics.toString()).contains("\"InvalidRecords\":1", "\"Namespace\":\"DdbStreamsWorkshop\"");
    }

    private static BigDecimal total(DynamoDbClient dynamoDb, String table, String region, String improvement) {
        return new BigDecimal(dynamoDb.getItem(b -> b.tableName(table).key(key(region, improvement)))
                .item().get("total_votes").n());
    }

    static void createTables(DynamoDbClient dynamoDb, String totals, String windows) {
        dynamoDb.createTable(b -> b.tableName(totals).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(AttributeDefinition.builder().attributeName("region").attributeType("S").build(),
                        AttributeDefinition.builder().attributeName("improvement").attributeType("S").build())
                .keySchema(KeySchemaElement.builder().attributeName("region").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("improvement").keyType(KeyType.RANGE).build()));
        dynamoDb.createTable(b -> b.tableName(windows).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(AttributeDefinition.builder().attributeName("window").attributeType("S").build())
                .keySchema(KeySchemaElement.builder().attributeName("window").keyType(KeyType.HASH).build()));
    }
}
