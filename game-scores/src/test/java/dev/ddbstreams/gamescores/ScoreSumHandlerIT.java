package dev.ddbstreams.gamescores;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.models.TimeWindow;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.ddbstreams.windows.InvalidRecords;
import dev.ddbstreams.windows.WindowCommitter;
import dev.ddbstreams.windows.WindowDeltas;
import dev.ddbstreams.windows.WindowedAggregation;
import dev.ddbstreams.windows.testing.KeptPoison;
import dev.ddbstreams.localcloud.dynamodb.DynamoDbLocalExtension;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

/** ScoreSumHandler on DynamoDB Local with the seed lab's test event (Jane Doe, score 100) in a tumbling window. */
class ScoreSumHandlerIT {

    @RegisterExtension
    static final DynamoDbLocalExtension DYNAMODB = new DynamoDbLocalExtension();

    @Test
    void seedTestEvent_whenWindowEndsAndFinalInvokeIsReplayed_countsJaneDoesScoreOnce() {
        StringBuilder metrics = new StringBuilder();
        KeptPoison poison = new KeptPoison();
        ScoreSumHandler handler = handler("scores_seed", "windows_seed", metrics, poison);
        DynamodbTimeWindowEvent batch = window("events/seed-score-insert.json");

        TimeWindowEventResponse afterBatch = handler.handleRequest(batch, null);
        DynamodbTimeWindowEvent last = window("events/seed-score-insert.json");
        last.setRecords(List.of());
        last.setState(afterBatch.getState());
        last.setIsFinalInvokeForWindow(true);
        handler.handleRequest(last, null);
        handler.handleRequest(last, null);

        assertThat(DYNAMODB.dynamoDb().getItem(b -> b.tableName("scores_seed")
                .key(GameScoreAggregator.key("Jane Doe")).consistentRead(true)).item())
                .containsEntry("Score", AttributeValue.fromN("100"))
                .containsEntry("Games", AttributeValue.fromN("1"))
                .containsEntry("BestScore", AttributeValue.fromN("100"));
        assertThat(metrics).isEmpty();
        assertThat(poison.isEmpty()).isTrue();
    }

    @Test
    void seedTestEventVerbatim_isQuarantinedAsItCameAndReported_becauseItsArnHasAPlaceholderAccount() {
        // The seed prints "account-id" where Lambda puts a 12-digit account, and no ApproximateCreationDateTime.
        StringBuilder metrics = new StringBuilder();
        KeptPoison poison = new KeptPoison();
        ScoreSumHandler handler = handler("scores_verbatim", "windows_verbatim", metrics, poison);
        DynamodbTimeWindowEvent verbatim = window("events/seed-score-insert-verbatim.json");

        TimeWindowEventResponse response = handler.handleRequest(verbatim, null);

        assertThat(WindowDeltas.fromState(response.getState()).increments()).isEmpty();
        assertThat(metrics.toString()).contains("\"InvalidRecords\":1");
        assertThat(poison.raw).singleElement().satisfies(kept -> {
            assertThat(kept.record()).isEqualTo(verbatim.getRecords().get(0));
            assertThat(kept.failure().reason()).contains("account-id");
        });
        assertThat(poison.records).isEmpty();
    }

    private static ScoreSumHandler handler(String scores, String windows, StringBuilder metrics, KeptPoison poison) {
        DynamoDbClient dynamoDb = DYNAMODB.dynamoDb();
        dynamoDb.createTable(b -> b.tableName(scores).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(AttributeDefinition.builder().attributeName("Username").attributeType("S").build())
                .keySchema(KeySchemaElement.builder().attributeName("Username").keyType(KeyType.HASH).build()));
        dynamoDb.createTable(b -> b.tableName(windows).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(AttributeDefinition.builder().attributeName("window").attributeType("S").build())
                .keySchema(KeySchemaElement.builder().attributeName("window").keyType(KeyType.HASH).build()));
        return new ScoreSumHandler(new WindowedAggregation(new GameScoreAggregator(),
                new WindowCommitter(dynamoDb, scores, windows, Duration.ofDays(2), InstantSource.system()),
                new InvalidRecords("ScoreSum", InstantSource.system(), metrics::append),
                ScoreSumHandler.SCORES_KEY, poison));
    }

    /** The seed's records as the first invocation of a tumbling window (the fields Lambda adds for windows). */
    private static DynamodbTimeWindowEvent window(String fixture) {
        DynamodbTimeWindowEvent event = EventLoader.loadEvent(fixture, DynamodbTimeWindowEvent.class);
        event.setWindow(new TimeWindow("2015-10-07T00:48:05Z", "2015-10-07T00:48:06Z"));
        event.setState(Map.of());
        event.setShardId("shardId-00000001444178885000-1a2b3c4d");
        event.setEventSourceArn(event.getRecords().get(0).getEventSourceARN());
        event.setIsFinalInvokeForWindow(false);
        event.setIsWindowTerminatedEarly(false);
        return event;
    }
}
