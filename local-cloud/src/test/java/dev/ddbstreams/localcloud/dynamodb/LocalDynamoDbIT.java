package dev.ddbstreams.localcloud.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

class LocalDynamoDbIT {

    @RegisterExtension
    static final DynamoDbLocalExtension EAST = new DynamoDbLocalExtension(Region.US_EAST_1);

    @RegisterExtension
    static final DynamoDbLocalExtension WEST = new DynamoDbLocalExtension(Region.US_WEST_2);

    @Test
    void stream_whenItemIsPutUpdatedAndDeleted_holdsTheThreeChangesInOrder() {
        DynamoDbClient dynamoDb = EAST.dynamoDb();
        LocalTables.createWithStream(dynamoDb, "orders", "id", StreamViewType.NEW_AND_OLD_IMAGES);

        Instant before = Instant.now();
        dynamoDb.putItem(b -> b.tableName("orders").item(Map.of("id", s("o-1"), "total", n("10"))));
        dynamoDb.putItem(b -> b.tableName("orders").item(Map.of("id", s("o-1"), "total", n("12.50"))));
        dynamoDb.deleteItem(b -> b.tableName("orders").key(Map.of("id", s("o-1"))));

        List<Record> records = EAST.streamReader().readAll("orders");

        assertThat(records).extracting(Record::eventName)
                .containsExactly(OperationType.INSERT, OperationType.MODIFY, OperationType.REMOVE);
        assertThat(records.get(1).dynamodb().oldImage()).containsEntry("total", n("10"));
        assertThat(records.get(1).dynamodb().newImage()).containsEntry("total", n("12.5"));
        // DynamoDB Local truncates the creation time to the minute (AWS rounds down to the second).
        assertThat(records.get(0).dynamodb().approximateCreationDateTime())
                .isBetween(before.minus(Duration.ofMinutes(1)), Instant.now().plusSeconds(1));
    }

    @Test
    void start_byDefault_listensOnLoopbackOnly() {
        // DynamoDB Local's own server would listen on every interface: the connector is set to loopback.
        assertThat(EAST.local().boundAddress().getAddress().isLoopbackAddress()).isTrue();
        assertThat(EAST.local().boundAddress().getPort()).isEqualTo(EAST.local().port());
    }

    @Test
    void streamArn_namesTheTable_withDynamoDbLocalsPlaceholderRegionAndAccount() {
        LocalTables.createWithStream(EAST.dynamoDb(), "arn-check", "id", StreamViewType.KEYS_ONLY);

        assertThat(EAST.streamReader().streamArnOf("arn-check"))
                .startsWith("arn:aws:dynamodb:ddblocal:000000000000:table/arn-check/stream/");
    }

    @Test
    void streamArnOf_whenTableHasNoStream_saysSo() {
        EAST.dynamoDb().createTable(b -> b.tableName("no-stream")
                .billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName("id").attributeType("S").build())
                .keySchema(KeySchemaElement.builder()
                        .attributeName("id").keyType("HASH").build()));

        assertThatThrownBy(() -> EAST.streamReader().streamArnOf("no-stream"))
                .hasMessage("table no-stream has no stream: enable one with a StreamSpecification");
    }

    @Test
    void stream_whenWriteChangesNothing_holdsNoRecord() {
        DynamoDbClient dynamoDb = EAST.dynamoDb();
        LocalTables.createWithStream(dynamoDb, "unchanged", "id", StreamViewType.NEW_IMAGE);

        dynamoDb.putItem(b -> b.tableName("unchanged").item(Map.of("id", s("a"), "v", n("1"))));
        dynamoDb.putItem(b -> b.tableName("unchanged").item(Map.of("id", s("a"), "v", n("1"))));
        dynamoDb.deleteItem(b -> b.tableName("unchanged").key(Map.of("id", s("missing"))));

        assertThat(EAST.streamReader().readAll("unchanged")).hasSize(1);
    }

    @Test
    void twoInstances_standForTwoRegions_withSeparateTables() {
        LocalTables.createWithStream(EAST.dynamoDb(), "only-in-east", "id", StreamViewType.KEYS_ONLY);

        assertThat(EAST.local().port()).isNotEqualTo(WEST.local().port());
        assertThat(EAST.dynamoDb().listTables().tableNames()).contains("only-in-east");
        assertThat(WEST.dynamoDb().listTables().tableNames()).doesNotContain("only-in-east");
        assertThatThrownBy(() -> WEST.dynamoDb().describeTable(b -> b.tableName("only-in-east")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void start_whenPortIsTaken_saysSo() {
        int taken = EAST.local().port();

        assertThatThrownBy(() -> LocalDynamoDb.start(Region.EU_WEST_1, taken))
                .isInstanceOf(LocalDynamoDb.PortInUseException.class)
                .hasMessageContaining("port " + taken + " is already in use");
    }

    @Test
    void start_withTelemetryOff_writesNothingIntoTheWorkingDirectory() {
        assertThat(Files.exists(Path.of("dynamodb-local-metadata.json"))).isFalse();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }
}
