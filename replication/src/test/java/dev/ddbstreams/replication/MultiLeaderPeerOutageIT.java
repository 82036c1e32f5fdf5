package dev.ddbstreams.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.trigger.StreamTrigger;
import dev.ddbstreams.replication.workload.ReplicaComparison;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * One peer region down for a long time (multi-leader/region.yaml with two peers, on three
 * DynamoDB Locals): us-east-1 leads, us-west-2 is healthy, and eu-west-1's table is missing, so
 * every write to it fails (ResourceNotFoundException, retried as transient). The healthy peer must
 * converge anyway, while the function to eu-west-1 keeps retrying; once eu-west-1's table is back,
 * that function must catch up, with nothing given up on either side.
 *
 * <p>The peers' tables are created here, not by stacks of their own: this test is about the
 * us-east-1 stack's functions, and a missing table stands for a region that cannot be reached.
 */
class MultiLeaderPeerOutageIT {

    private static final Region EAST = Region.US_EAST_1;
    private static final Region WEST = Region.US_WEST_2;
    private static final Region EU = Region.EU_WEST_1;
    private static final String TABLE = "game_state";
    private static final Duration CONVERGE_BOUND = Duration.ofSeconds(60);

    @Test
    void aPeerDownForLong_holdsBackOnlyItsOwnFunction_andCatchesUpWhenItIsBack(@TempDir Path work) throws Exception {
        try (LocalCloud cloud = LocalCloud.builder().region(EAST).additionalRegions(WEST, EU).workFolder(work)
                .pollInterval(Duration.ofMillis(50)).start()) {
            LocalCloud.Deployment east = cloud.deploy(Path.of("multi-leader/region.yaml"), "ml-east",
                    Map.of("PeerRegion", WEST.id(), "SecondPeerRegion", EU.id()), EAST);
            DynamoDbClient eastTable = cloud.dynamoDb(EAST).dynamoDbClient();
            DynamoDbClient westTable = cloud.dynamoDb(WEST).dynamoDbClient();
            DynamoDbClient euTable = cloud.dynamoDb(EU).dynamoDbClient();
            createTable(westTable);

            LeaderWrites writes = new LeaderWrites(eastTable, TABLE, List.of("PK"), EAST.id(), InstantSource.system(),
                    LeaderWrites.DEFAULT_TOMBSTONE_TTL);
            SplittableRandom random = new SplittableRandom(7);
            for (int i = 0; i < 300; i++) {
                Map<String, AttributeValue> key = Map.of("PK", AttributeValue.fromS("player#" + random.nextInt(20)));
                if (random.nextInt(100) < 20) {
                    writes.delete(key);
                } else {
                    writes.put(Map.of("PK", key.get("PK"), "score", AttributeValue.fromN(Integer.toString(random.nextInt(1000)))));
                }
            }

            await().atMost(CONVERGE_BOUND).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                    assertThat(ReplicaComparison.compare(eastTable, TABLE, westTable, TABLE).none()).isTrue());
            StreamTrigger toEu = trigger(east, "SecondPeerFunction");
            await().atMost(CONVERGE_BOUND).until(() -> toEu.status().counts().retries() >= 20);
            assertThat(euTable.listTables().tableNames()).doesNotContain(TABLE);

            createTable(euTable); // the region is back
            await().atMost(CONVERGE_BOUND).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                    assertThat(ReplicaComparison.compare(eastTable, TABLE, euTable, TABLE).none()).isTrue());

            assertThat(cloud.awaitIdle(CONVERGE_BOUND)).isTrue();
            assertThat(ReplicaComparison.items(eastTable, TABLE)).hasSizeGreaterThan(10);
            assertThat(trigger(east, "MultiLeaderFunction").status().counts().retries()).isZero();
            assertThat(east.triggers()).allSatisfy(trigger ->
                    assertThat(trigger.status().counts().recordsDiscarded()).isZero());
        }
    }

    private static StreamTrigger trigger(LocalCloud.Deployment deployment, String function) {
        return deployment.triggers().stream().filter(trigger -> trigger.functionName().endsWith("-" + function))
                .findFirst().orElseThrow();
    }

    private static void createTable(DynamoDbClient dynamoDb) {
        dynamoDb.createTable(b -> b.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("PK").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("PK").keyType(KeyType.HASH)));
        dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(TABLE));
    }
}
