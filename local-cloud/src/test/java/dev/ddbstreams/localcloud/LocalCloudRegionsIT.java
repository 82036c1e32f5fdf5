package dev.ddbstreams.localcloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.localcloud.routing.RegionEndpoints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Stream;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** Several regions in one local cloud: clients built as handlers build them reach their region's instance. */
class LocalCloudRegionsIT {

    private static final Path TEMPLATE = Path.of("src/test/resources/templates/copy-pipeline.yaml");

    @Test
    void dynamoDbClient_withoutEndpointOverride_reachesTheInstanceOfItsRegion(@TempDir Path work) {
        try (LocalCloud cloud = twoRegions(work);
                DynamoDbClient west = DynamoDbClient.builder().region(Region.US_WEST_2).build();
                DynamoDbClient east = DynamoDbClient.builder().region(Region.US_EAST_1).build()) {
            createTable(west, "only-west", false);
            createTable(east, "only-east", false);

            assertThat(tablesOf(cloud, Region.US_WEST_2)).contains("only-west").doesNotContain("only-east");
            assertThat(tablesOf(cloud, Region.US_EAST_1)).contains("only-east").doesNotContain("only-west");
            assertThat(west.listTables().tableNames()).contains("only-west").doesNotContain("only-east");
        }
    }

    @Test
    void streamsClient_withoutEndpointOverride_reachesTheInstanceOfItsRegion(@TempDir Path work) {
        try (LocalCloud cloud = twoRegions(work);
                DynamoDbStreamsClient west = DynamoDbStreamsClient.builder().region(Region.US_WEST_2).build();
                DynamoDbStreamsClient east = DynamoDbStreamsClient.builder().region(Region.US_EAST_1).build()) {
            createTable(cloud.dynamoDb(Region.US_WEST_2).dynamoDbClient(), "streamed-west", true);

            assertThat(west.listStreams().streams()).extracting(Stream::tableName).contains("streamed-west");
            assertThat(east.listStreams().streams()).extracting(Stream::tableName).doesNotContain("streamed-west");
        }
    }

    @Test
    void close_whenSeveralRegionsRan_leavesNothingRegistered(@TempDir Path work) {
        try (LocalCloud cloud = twoRegions(work)) {
            assertThat(RegionEndpoints.current()).containsOnly(
                    Map.entry(Region.US_EAST_1, cloud.dynamoDb().endpoint()),
                    Map.entry(Region.US_WEST_2, cloud.dynamoDb(Region.US_WEST_2).endpoint()));
            assertThat(cloud.regions()).containsExactly(Region.US_EAST_1, Region.US_WEST_2);
        }
        assertThat(RegionEndpoints.current()).isEmpty();
    }

    @Test
    void start_withOneRegion_registersNothing(@TempDir Path work) {
        try (LocalCloud cloud = LocalCloud.builder().workFolder(work).start()) {
            assertThat(RegionEndpoints.current()).isEmpty();
            assertThat(cloud.dynamoDb(Region.US_EAST_1)).isSameAs(cloud.dynamoDb());
        }
    }

    @Test
    void deploy_intoAdditionalRegion_runsTheTriggerOnThatRegionsStream(@TempDir Path work)
            throws InterruptedException {
        try (LocalCloud cloud = LocalCloud.builder().workFolder(work).pollInterval(Duration.ofMillis(50))
                .additionalRegions(Region.US_WEST_2).start()) {
            // The same tables in the east too, so a write sent to the wrong region would succeed there, visibly.
            cloud.deploy(TEMPLATE, "copy-east", Map.of());
            LocalCloud.Deployment west = cloud.deploy(TEMPLATE, "copy-west", Map.of(), Region.US_WEST_2);
            DynamoDbClient westDb = cloud.dynamoDb(Region.US_WEST_2).dynamoDbClient();
            DynamoDbClient eastDb = cloud.dynamoDb().dynamoDbClient();

            for (int i = 0; i < 5; i++) {
                String id = "item-" + i;
                westDb.putItem(b -> b.tableName("copy-source").item(Map.of("id", AttributeValue.fromS(id))));
            }

            assertThat(cloud.awaitIdle(Duration.ofSeconds(30))).isTrue();
            assertThat(west.triggers()).singleElement()
                    .satisfies(t -> assertThat(t.status().counts().recordsProcessed()).isEqualTo(5));
            assertThat(westDb.scan(b -> b.tableName("copy-target")).items()).hasSize(5);
            assertThat(eastDb.scan(b -> b.tableName("copy-target")).items()).isEmpty();
            assertThat(eastDb.scan(b -> b.tableName("copy-source")).items()).isEmpty();
        }
    }

    private static LocalCloud twoRegions(Path work) {
        return LocalCloud.builder().workFolder(work).region(Region.US_EAST_1)
                .additionalRegions(Region.US_WEST_2).start();
    }

    private static List<String> tablesOf(LocalCloud cloud, Region region) {
        return cloud.dynamoDb(region).dynamoDbClient().listTables().tableNames();
    }

    private static void createTable(DynamoDbClient client, String name, boolean stream) {
        client.createTable(b -> {
            b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("id")
                            .attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build());
            if (stream) {
                b.streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES));
            }
        });
    }
}
