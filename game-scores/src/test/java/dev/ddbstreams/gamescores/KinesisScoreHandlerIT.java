package dev.ddbstreams.gamescores;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.ddbstreams.failures.Failure;
import dev.ddbstreams.limits.LimitViolation;
import dev.ddbstreams.localcloud.dynamodb.DynamoDbLocalExtension;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.s3.model.S3Exception;

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
    void handleRequest_whenPayloadsAreNotScoreEvents_quarantinesThemWhole_andSucceeds() {
        KinesisScoreHandler handler = handler("records_other");

        StreamsEventResponse response = handler.handleRequest(
                EventLoader.loadKinesisEvent("events/kinesis-not-score.json"), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(items("records_other")).isEmpty();
        assertThat(quarantined).extracting(kept -> kept.failure().reason()).containsExactly(
                "not a score event: not JSON: Unrecognized token 'Hello': was expecting (JSON String, Number, "
                        + "Array, Object or token 'null', 'true' or 'false')",
                "not a score event: no number 'Score'");
        assertThat(quarantined).allSatisfy(kept -> assertThat(kept.failure().isPermanent()).isTrue());
    }

    @Test
    void handleRequest_whenRecordIsNotUtf8_quarantinesItsBytes_andWritesTheRecordsAroundIt() {
        KinesisScoreHandler handler = handler("records_utf8");
        KinesisEvent event = EventLoader.loadKinesisEvent("events/kinesis-invalid-utf8.json");

        StreamsEventResponse response = handler.handleRequest(event, null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(items("records_utf8")).extracting(item -> item.get("Username").s())
                .containsExactlyInAnyOrder("Ravi Kumar", "Diego Silva");
        assertThat(quarantined).singleElement().satisfies(kept -> {
            assertThat(kept.record().getKinesis().getSequenceNumber())
                    .isEqualTo("49590338271490256608559692538361571095921575989136588899");
            assertThat(kept.record().getKinesis().getData().duplicate().get()).isEqualTo((byte) 0xC3);
            assertThat(kept.failure().reason()).isEqualTo("the data (2 bytes) is not valid UTF-8");
        });
    }

    @Test
    void handleRequest_whenTheItemWouldBeOver400KB_quarantinesTheRecordBeforeWriting() {
        KinesisScoreHandler handler = handler("records_big");
        KinesisEvent event = EventLoader.loadKinesisEvent("events/kinesis-invalid-utf8.json");
        event.getRecords().get(1).getKinesis().setData(ByteBuffer.wrap(("{\"Username\":\"Big\",\"Score\":1,"
                + "\"Nickname\":\"" + "n".repeat(420_000) + "\"}").getBytes(StandardCharsets.UTF_8)));

        StreamsEventResponse response = handler.handleRequest(event, null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(items("records_big")).hasSize(2);
        assertThat(quarantined).singleElement().satisfies(kept ->
                assertThat(kept.failure().violation()).hasValueSatisfying(violation ->
                        assertThat(violation.limit()).isEqualTo(LimitViolation.Limit.ITEM_SIZE)));
    }

    @Test
    void handleRequest_whenTheQuarantineFails_reportsThePoisonRecord_afterWritingTheOnesBefore() {
        createTable("records_s3_down");
        KinesisScoreHandler handler = new KinesisScoreHandler(new KinesisScoreProcessor(
                new ScoreRecordWriter(DYNAMODB.dynamoDb(), "records_s3_down"), (record, failure) -> {
                    throw S3Exception.builder().statusCode(503).message("Slow Down").build();
                }));

        StreamsEventResponse response = handler.handleRequest(
                EventLoader.loadKinesisEvent("events/kinesis-invalid-utf8.json"), null);

        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("49590338271490256608559692538361571095921575989136588899");
        assertThat(items("records_s3_down")).extracting(item -> item.get("Username").s()).containsExactly("Ravi Kumar");
    }

    /** The quarantine's seam, in memory: S3Quarantine on the local S3 is KinesisPoisonIT's. */
    private final List<Kept> quarantined = new ArrayList<>();

    private record Kept(KinesisEvent.KinesisEventRecord record, Failure failure) {
    }

    private KinesisScoreHandler handler(String table) {
        createTable(table);
        return new KinesisScoreHandler(new KinesisScoreProcessor(new ScoreRecordWriter(DYNAMODB.dynamoDb(), table),
                (record, failure) -> {
                    quarantined.add(new Kept(record, failure));
                    return "KinesisScoreFunction/" + record.getKinesis().getSequenceNumber();
                }));
    }

    private static void createTable(String table) {
        DYNAMODB.dynamoDb().createTable(b -> b.tableName(table).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(AttributeDefinition.builder().attributeName("RecordID").attributeType("N").build())
                .keySchema(KeySchemaElement.builder().attributeName("RecordID").keyType(KeyType.HASH).build()));
    }
    private static List<Map<String, AttributeValue>> items(String table) {
        DynamoDbClient dynamoDb = DYNAMODB.dynamoDb();
        return dynamoDb.scan(b -> b.tableName(table).consistentRead(true)).items();
    }
}
