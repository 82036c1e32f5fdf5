package dev.ddbstreams.localcloud.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbstreams.localcloud.dynamodb.DynamoDbLocalExtension;
import dev.ddbstreams.localcloud.dynamodb.LocalDynamoDb;
import dev.ddbstreams.localcloud.dynamodb.LocalTables;
import dev.ddbstreams.localcloud.dynamodb.StreamReader;
import dev.ddbstreams.localcloud.http.FreePort;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The global interceptor on DynamoDB Local, through clients built the way a handler builds
 * them: no interceptor named anywhere. The registry is shared by the whole JVM, so each test
 * measures with snapshot differences on tables of its own.
 *
 * <p>The capacity figures asserted here are what DynamoDB Local 2.6.1 reports (small items,
 * on-demand tables), not a claim about AWS's bill; METRICS.md lists them.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class RequestMetricsIT {

    private static final String DYNAMODB = "DynamoDb";

    private final RequestMetrics metrics = RequestMetrics.global();
    private DynamoDbClient dynamoDb;
    private MetricsSnapshot before;

    @BeforeEach
    void setUp(LocalDynamoDb local) {
        // Exactly what a handler does: the builder, with endpoint and credentials, and nothing else.
        dynamoDb = DynamoDbClient.builder()
                .endpointOverride(local.endpoint())
                .region(local.region())
                .credentialsProvider(LocalDynamoDb.CREDENTIALS)
                .build();
        before = metrics.snapshot();
    }

    @AfterEach
    void tearDown() {
        dynamoDb.close();
    }

    @Test
    void putItem_whenClientBuiltWithoutInterceptor_isCountedWithItsWriteUnits() {
        createTable("plain_put");

        PutItemResponse response = dynamoDb.putItem(b -> b.tableName("plain_put").item(item("a")));

        Counters put = phase().row(DYNAMODB, "plain_put", "PutItem");
        assertThat(put.calls()).isEqualTo(1);
        assertThat(put.attempts()).isEqualTo(1);
        assertThat(put.items()).isEqualTo(1);
        assertThat(put.writeUnits()).isEqualTo(1.0);
        assertThat(put.readUnits()).isZero();
        // The only visible change: the response carries the consumed capacity nobody asked for.
        assertThat(response.consumedCapacity().capacityUnits()).isEqualTo(1.0);
    }

    @Test
    void writes_whenDynamoDbLocalReportsCapacity_countWriteUnitsPerOperation() {
        createTable("writes");
        dynamoDb.putItem(b -> b.tableName("writes").item(item("a")));
        dynamoDb.updateItem(b -> b.tableName("writes").key(item("a")).updateExpression("SET n = :n")
                .expressionAttributeValues(Map.of(":n", AttributeValue.fromN("1"))));
        dynamoDb.deleteItem(b -> b.tableName("writes").key(item("a")));
        dynamoDb.putItem(b -> b.tableName("writes").item(Map.of(
                "id", AttributeValue.fromS("big"), "text", AttributeValue.fromS("x".repeat(2_500)))));

        MetricsSnapshot phase = phase();

        assertThat(phase.row(DYNAMODB, "writes", "PutItem").writeUnits()).isEqualTo(1.0 + 3.0);
        assertThat(phase.row(DYNAMODB, "writes", "UpdateItem").writeUnits()).isEqualTo(1.0);
        assertThat(phase.row(DYNAMODB, "writes", "DeleteItem").writeUnits()).isEqualTo(1.0);
        assertThat(phase.resource("writes").items()).isEqualTo(4);
        assertThat(phase.resource("writes").readUnits()).isZero();
    }

    @Test
    void reads_whenDynamoDbLocalReportsCapacity_countReadUnitsAndItemsPerOperation() {
        createTable("reads");
        dynamoDb.putItem(b -> b.tableName("reads").item(item("a")));
        dynamoDb.putItem(b -> b.tableName("reads").item(item("b")));
        MetricsSnapshot afterLoad = metrics.snapshot();

        dynamoDb.getItem(b -> b.tableName("reads").key(item("a")));
        dynamoDb.getItem(b -> b.tableName("reads").key(item("a")).consistentRead(true));
        dynamoDb.getItem(b -> b.tableName("reads").key(item("missing")));
        dynamoDb.query(b -> b.tableName("reads").keyConditionExpression("id = :id")
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromS("a"))));
        dynamoDb.scan(b -> b.tableName("reads"));
        dynamoDb.batchGetItem(b -> b.requestItems(Map.of("reads",
                KeysAndAttributes.builder().keys(List.of(item("a"), item("b"))).build())));
        dynamoDb.transactGetItems(b -> b.transactItems(
                TransactGetItem.builder().get(g -> g.tableName("reads").key(item("a"))).build()));

        MetricsSnapshot phase = metrics.snapshot().minus(afterLoad);
        Counters get = phase.row(DYNAMODB, "reads", "GetItem");
        assertThat(get.calls()).isEqualTo(3);
        assertThat(get.items()).isEqualTo(2);
        assertThat(get.readUnits()).isEqualTo(0.5 + 1.0 + 0.5);
        assertThat(phase.row(DYNAMODB, "reads", "Query")).extracting(Counters::items, Counters::readUnits)
                .containsExactly(1L, 0.5);
        assertThat(phase.row(DYNAMODB, "reads", "Scan")).extracting(Counters::items, Counters::readUnits)
                .containsExactly(2L, 0.5);
        assertThat(phase.row(DYNAMODB, "reads", "BatchGetItem")).extracting(Counters::items, Counters::readUnits)
                .containsExactly(2L, 1.0);
        assertThat(phase.row(DYNAMODB, "reads", "TransactGetItems")).extracting(Counters::items, Counters::readUnits)
                .containsExactly(1L, 2.0);
        assertThat(phase.resource("reads").writeUnits()).isZero();
    }

    @Test
    void batchWriteItem_whenItWritesTwoTables_countsItemsAndUnitsPerTableAndTheCallOnce() {
        createTable("batch_votes");
        createTable("batch_audit");
        List<WriteRequest> votes = IntStream.range(0, 20).mapToObj(i -> put("v-" + i)).toList();

        dynamoDb.batchWriteItem(b -> b.requestItems(Map.of("batch_votes", votes, "batch_audit", List.of(put("x")))));

        MetricsSnapshot phase = phase();
        assertWrites(phase, "batch_votes", "BatchWriteItem", 1L, 20L, 20.0);
        assertWrites(phase, "batch_audit", "BatchWriteItem", 1L, 1L, 1.0);
    }

    @Test
    void transactWriteItems_whenItWritesTwoTables_countsActionsPerTableAndDynamoDbLocalsFlatWriteUnits() {
        createTable("tx_totals");
        createTable("tx_checkpoints");

        dynamoDb.transactWriteItems(b -> b.transactItems(
                add("tx_totals", "yes"), add("tx_totals", "no"), add("tx_totals", "maybe"),
                TransactWriteItem.builder().put(p -> p.tableName("tx_checkpoints").item(item("shard-1"))).build()));

        MetricsSnapshot phase = phase();
        // A gap of DynamoDB Local: it reports a flat 4.0 WriteCapacityUnits for every table a transaction
        // writes, whatever the number of items. AWS charges 2 WCU per small item: 6.0 and 2.0 here.
        assertWrites(phase, "tx_totals", "TransactWriteItems", 1L, 3L, 4.0);
        assertWrites(phase, "tx_checkpoints", "TransactWriteItems", 1L, 1L, 4.0);
    }

    @Test
    void executeStatement_whenDynamoDbLocalReportsNoCapacity_countsTheCallWithCapacityNotReported() {
        createTable("partiql");

        dynamoDb.executeStatement(b -> b.statement("INSERT INTO partiql VALUE {'id': 'a'}"));

        // A gap of DynamoDB Local: PartiQL responses carry no ConsumedCapacity, though asked. Shown as n/a.
        Counters statement = phase().row(DYNAMODB, "", "ExecuteStatement");
        assertThat(statement.calls()).isEqualTo(1);
        assertThat(statement.capacityAsked()).isEqualTo(1);
        assertThat(statement.capacityReported()).isZero();
    }

    @Test
    void putItem_whenTableMissing_countsAFailureByErrorCode() {
        assertThatThrownBy(() -> dynamoDb.putItem(b -> b.tableName("no_such_table").item(item("a"))))
                .isInstanceOf(ResourceNotFoundException.class);

        Counters put = phase().row(DYNAMODB, "no_such_table", "PutItem");
        assertThat(put.calls()).isEqualTo(1);
        assertThat(put.failures()).isEqualTo(1);
        assertThat(put.items()).isZero();
        assertThat(put.failuresByCode()).containsExactly(Map.entry("ResourceNotFoundException", 1L));
    }

    @Test
    void putItem_whenEndpointRefusesConnections_countsEachRetryAsAnAttempt() {
        // Nothing listens on a free port.
        try (DynamoDbClient unreachable = DynamoDbClient.builder()
                .endpointOverride(URI.create("http://localhost:" + FreePort.find()))
                .region(Region.US_EAST_1)
                .credentialsProvider(LocalDynamoDb.CREDENTIALS)
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(3)))
                .build()) {

            assertThatThrownBy(() -> unreachable.putItem(b -> b.tableName("unreachable").item(item("a"))))
                    .isInstanceOf(SdkClientException.class);
        }

        Counters put = phase().row(DYNAMODB, "unreachable", "PutItem");
        assertThat(put).extracting(Counters::calls, Counters::failures, Counters::attempts, Counters::retries)
                .containsExactly(1L, 1L, 3L, 2L);
        assertThat(put.failuresByCode()).containsOnlyKeys("SdkClientException");
    }

    @Test
    void getRecords_whenStreamRead_isCountedPerTableWithTheRecordsRead(StreamReader streams) {
        createTable("streamed");
        dynamoDb.putItem(b -> b.tableName("streamed").item(item("a")));
        dynamoDb.putItem(b -> b.tableName("streamed").item(item("b")));
        MetricsSnapshot afterWrites = metrics.snapshot();

        streams.readAll("streamed");

        MetricsSnapshot phase = metrics.snapshot().minus(afterWrites);
        assertThat(phase.row("DynamoDbStreams", "streamed", "GetRecords").items()).isEqualTo(2);
        assertThat(phase.row("DynamoDbStreams", "streamed", "GetShardIterator").calls()).isPositive();
        assertThat(phase.row("DynamoDbStreams", "streamed", "DescribeStream").calls()).isPositive();
    }

    @Test
    void render_whenPhaseMeasured_printsOneLinePerTableAndOperation() {
        createTable("rendered");
        dynamoDb.putItem(b -> b.tableName("rendered").item(item("a")));

        assertThat(MetricsTable.render(phase()))
                .containsPattern("DynamoDb +rendered +PutItem +1 +0 +0 +1 +1\\.0 +-");
    }

    private MetricsSnapshot phase() {
        return metrics.snapshot().minus(before);
    }

    private static void assertWrites(MetricsSnapshot phase, String table, String operation, long calls, long items,
            double writeUnits) {
        assertThat(phase.row(DYNAMODB, table, operation))
                .extracting(Counters::calls, Counters::items, Counters::writeUnits)
                .containsExactly(calls, items, writeUnits);
    }

    private void createTable(String name) {
        LocalTables.createWithStream(dynamoDb, name, "id", StreamViewType.NEW_AND_OLD_IMAGES);
    }

    private static Map<String, AttributeValue> item(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }

    private static TransactWriteItem add(String table, String id) {
        return TransactWriteItem.builder().update(u -> u.tableName(table).key(item(id))
                .updateExpression("ADD votes :one")
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))).build();
    }

    private static WriteRequest put(String id) {
        return WriteRequest.builder().putRequest(p -> p.item(item(id))).build();
    }
}
