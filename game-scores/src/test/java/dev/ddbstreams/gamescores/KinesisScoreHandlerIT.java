package dev.ddbstreams.gamescores;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.ddbstreams.localcloud.dynamodb.DynamoDbLocalExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

/** The Kinesis handler on DynamoDB Local, fed events as Lambda sends them. */
class KinesisScoreHandlerIT {

    @RegisterExtension
    static final DynamoDbLocalExtension DYNAMODB = new DynamoDbLocalExtension();

    @Test
    void handleRequest_whenScoreEvent_writesOneScoreRecordWithTheSeedsShape() {
        KinesisScoreHandler handler = handler("records_score");

        StreamsEventResponse response = handler.handleRequest(EventLoader.loadKinesisEvent("events/kinesis-score.json"), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(items("records_score")).singleElement().satisfies(item -> {
            assertThat(item).containsEntry("Username", AttributeValue.fromS("Jane Doe"))
                    .containsEntry("Score", AttributeValue.fromN("100"))
                    .containsEntry("Nickname", AttributeValue.fromS("JaneD"))
                    .containsEntry(ScoreRecordWriter.KINESIS_EVENT_ID, AttributeValue.fromS(
                            "shardId-000000000000:49590338271490256608559692538361571095921575989136588898"));
            assertThat(item.get(ScoreRecordWriter.RECORD_ID).n()).hasSizeLessThanOrEqualTo(38);
        });
    }

    @Test
    void handleRequest_whenSameEventDeliveredTwice_leavesOneScoreRecord() {
        KinesisScoreHandler handler = handler("records_twice");
        KinesisEvent event = EventLoader.loadKinesisEvent("events/kinesis-score.json");

        StreamsEventResponse first = handler.handleRequest(event, null);
        StreamsEventResponse second = handler.handleRequest(EventLoader.loadKinesisEvent("events/kinesis-score.json"), null);

        assertThat(first.getBatchItemFailures()).isEmpty();
        assertThat(second.getBatchItemFailures()).isEmpty();
        assertThat(items("records_twice")).hasSize(1);
    }

    @Test
    void handleRequest_whenPayloadsAreNotScoreEvents_skipsThemAndSucceeds() {
        KinesisScoreHandler handler = handler("records_other");

        StreamsEventResponse response = handler.handleRequest(
                EventLoader.loadKinesisEvent("events/kinesis-not-score.json"), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(items("records_other")).isEmpty();
    }

    @Test
    void handleRequest_whenRecordIsNotUtf8_reportsItAndStopsThere() {
        KinesisScoreHandler handler = handler("records_utf8");

        StreamsEventResponse response = handler.handleRequest(
                EventLoader.loadKinesisEvent("events/kinesis-invalid-utf8.json"), null);

        // The second of three records: Lambda resumes there, so the third is sent again anyway.
        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("49590338271490256608559692538361571095921575989136588899");
        assertThat(items("records_utf8")).extracting(item -> item.get("Username").s()).containsExactly("Ravi Kumar");
    }

    private static KinesisScoreHandler handler(String table) {
        DYNAMODB.dynamoDb().createTable(b -> b.tableName(table).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(AttributeDefinition.builder().attributeName("RecordID").attributeType("N").build())
                .keySchema(KeySchemaElement.builder().attributeName("RecordID").keyType(KeyType.HASH).build()));
        return new KinesisScoreHandler(new KinesisScoreProcessor(new ScoreRecordWriter(DYNAMODB.dynamoDb(), table)));
    }

    private static List<Map<String, AttributeValue>> items(String table) {
        DynamoDbClient dynamoDb = DYNAMODB.dynamoDb();
        return dynamoDb.scan(b -> b.tableName(table).consistentRead(true)).items();
    }
}
