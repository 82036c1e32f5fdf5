package dev.ddbstreams.aggregation;

import static dev.ddbstreams.aggregation.VoteAggregatorTest.key;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.ddbstreams.limits.DynamoDbLimits;
import dev.ddbstreams.records.EventName;
import dev.ddbstreams.localcloud.dynamodb.DynamoDbLocalExtension;
import dev.ddbstreams.windows.InvalidRecords;
import dev.ddbstreams.windows.WindowCommitter;
import dev.ddbstreams.windows.WindowedAggregation;
import dev.ddbstreams.windows.testing.KeptPoison;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
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
    void window_accumulatesInState_thenTheFinalInvokeCommitsOnce_evenWhenReplayed_quarantiningThePoison() {
        DynamoDbClient dynamoDb = DYNAMODB.dynamoDb();
        createTables(dynamoDb, "totals_1", "windows_1");
        StringBuilder metrics = new StringBuilder();
        KeptPoison poison = new KeptPoison();
        VoteCountHandler handler = handler(dynamoDb, "totals_1", "windows_1", metrics, poison);

        DynamodbTimeWindowEvent batch = EventLoader.loadEvent("events/votes-window.json", DynamodbTimeWindowEvent.class);
        // Two more votes whose (region, improvement) cannot be a key of total_votes: DynamoDB would refuse the commit.
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>(batch.getRecords());
        records.add(vote("long-improvement", "SOUTH", "I".repeat(DynamoDbLimits.MAX_SORT_KEY_BYTES + 1)));
        records.add(vote("long-region", "R".repeat(DynamoDbLimits.MAX_PARTITION_KEY_BYTES + 1), "MORE_TREES"));
        batch.setRecords(records);
        TimeWindowEventResponse afterBatch = handler.handleRequest(batch, null);
        DynamodbTimeWindowEvent last = EventLoader.loadEvent("events/votes-window-final.json", DynamodbTimeWindowEvent.class);
        last.setState(afterBatch.getState());

        assertThat(dynamoDb.scan(b -> b.tableName("totals_1")).count()).isZero();
        handler.handleRequest(last, null);
        handler.handleRequest(last, null);

        assertThat(total(dynamoDb, "totals_1", "SOUTH", "MORE_TREES")).isEqualByComparingTo("1");
        assertThat(total(dynamoDb, "totals_1", "WEST", "BIKE_LANES")).isEqualByComparingTo("1");
        assertThat(dynamoDb.scan(b -> b.tableName("windows_1")).count()).isEqualTo(1);
        assertThat(metrics.toString()).contains("\"InvalidRecords\":3", "\"Namespace\":\"DdbStreamsWorkshop\"");
        assertThat(poison.records).extracting(kept -> kept.record().eventId() + " "
                        + kept.failure().violation().map(v -> v.limit().name()).orElse("-"))
                .containsExactly("w3 -", "long-improvement SORT_KEY_SIZE", "long-region PARTITION_KEY_SIZE");
    }

    @Test
    void window_whenAVoteMovesToAnImprovementNoKeyCanHold_withdrawsItFromTheOldTotalAndQuarantinesTheInsertHalf() {
        DynamoDbClient dynamoDb = DYNAMODB.dynamoDb();
        createTables(dynamoDb, "totals_2", "windows_2");
        KeptPoison poison = new KeptPoison();
        VoteCountHandler handler = handler(dynamoDb, "totals_2", "windows_2", new StringBuilder(), poison);
        DynamodbEvent.DynamodbStreamRecord cast = vote("v1", "NORTH", "PARKS");
        DynamodbEvent.DynamodbStreamRecord castToo = vote("v2", "NORTH", "PARKS");
        castToo.getDynamodb().setSequenceNumber("4421584500000000017450439200");
        DynamodbEvent.DynamodbStreamRecord moved = EventLoader.loadEvent("events/vote-move.json", DynamodbEvent.class)
                .getRecords().get(0);
        moved.getDynamodb().getOldImage().get("region").setS("NORTH");
        moved.getDynamodb().getOldImage().get("improvement").setS("PARKS");
        String longImprovement = "PARKS-" + "P".repeat(DynamoDbLimits.MAX_SORT_KEY_BYTES);
        moved.getDynamodb().getNewImage().get("improvement").setS(longImprovement);
        DynamodbTimeWindowEvent batch = EventLoader.loadEvent("events/votes-window.json", DynamodbTimeWindowEvent.class);
        batch.setRecords(List.of(cast, castToo, moved));

        DynamodbTimeWindowEvent last = EventLoader.loadEvent("events/votes-window-final.json", DynamodbTimeWindowEvent.class);
        last.setState(handler.handleRequest(batch, null).getState());
        handler.handleRequest(last, null);

        assertThat(total(dynamoDb, "totals_2", "NORTH", "PARKS")).isEqualByComparingTo("1");
        assertThat(dynamoDb.scan(b -> b.tableName("totals_2")).count()).isEqualTo(1);
        assertThat(poison.records).singleElement().satisfies(kept -> {
            assertThat(kept.record().eventId()).isEqualTo(moved.getEventID());
            assertThat(kept.record().eventName()).isEqualTo(EventName.INSERT);
            assertThat(kept.record().requireNewImage().string("improvement")).isEqualTo(longImprovement);
        });
    }

    private static VoteCountHandler handler(DynamoDbClient dynamoDb, String totals, String windows,
            StringBuilder metrics, KeptPoison poison) {
        return new VoteCountHandler(new WindowedAggregation(new VoteAggregator(),
                new WindowCommitter(dynamoDb, totals, windows, Duration.ofDays(2), InstantSource.system()),
                new InvalidRecords("VoteCounter", InstantSource.system(), metrics::append),
                VoteCountHandler.TOTALS_KEY, poison));
    }

    /** The fixture's first vote, as another voter's INSERT of (region, improvement). */
    private static DynamodbEvent.DynamodbStreamRecord vote(String id, String region, String improvement) {
        DynamodbEvent.DynamodbStreamRecord record = EventLoader.loadEvent("events/votes-window.json",
                DynamodbTimeWindowEvent.class).getRecords().get(0);
        record.setEventID(id);
        record.getDynamodb().getNewImage().get("region").setS(region);
        record.getDynamodb().getNewImage().get("improvement").setS(improvement);
        return record;
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
