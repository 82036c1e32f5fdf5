package dev.ddbstreams.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddbstreams.failures.Failure;
import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.lambda.FunctionFaults;
import dev.ddbstreams.localcloud.testing.Seeds;
import dev.ddbstreams.localcloud.trigger.TriggerStatus;
import dev.ddbstreams.quarantine.QuarantinedRecord;
import dev.ddbstreams.quarantine.S3Quarantine;
import dev.ddbstreams.replication.workload.ReplicaComparison;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Poison records between two leaders (multi-leader/region.yaml, one stack in us-east-1 and one in
 * us-west-2, each the other's peer, on two DynamoDB Locals), with Lambda's delivery at its worst
 * (invocations failing before and after the writes, batches delivered twice).
 *
 * <p>A peer can refuse what its leader took: us-west-2's table gets an index of its own
 * ({@code BY_TEAM} on {@code team}, a string) that us-east-1's lacks. Through LeaderWrites,
 * 2,000 seeded valid changes on 40 keys, four in five in us-east-1 and one in five in us-west-2
 * (puts with a valid {@code team}, updates, deletes), interleaved with one poison put in five in
 * us-east-1, each on a key of its own: {@code team} as a number (type mismatch), as an empty
 * string, and as a string over the 2,048-byte key limit. (A key's later change in the same batch
 * replaces its earlier ones, so a poison put followed by a valid one is never sent: not a poison
 * record.)
 *
 * <p>Then: both tables hold the last writer's version of every valid key and equal each other
 * there; every poison put is in us-east-1's quarantine under {@code MultiLeaderFunction/us-west-2/} exactly
 * once with its content, and nothing else is; nothing is given up (no batch to the on-failure
 * queue) and the triggers drain within 60 seconds of the last write (the records the replicated
 * writes made, within 60 more).
 */
@ExtendWith(Seeds.class)
class MultiLeaderPoisonIT {

    private static final Region EAST = Region.US_EAST_1;
    private static final Region WEST = Region.US_WEST_2;
    private static final String TABLE = "game_state";
    private static final String POISON = "poison#";
    private static final int VALID_CHANGES = 2_000;
    private static final int VALID_KEYS = 40;
    private static final Duration DRAIN_BOUND = Duration.ofSeconds(60);

    static Stream<Named<Long>> seeds() {
        return Seeds.from(21);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void twoLeaders_withPoisonInterleaved_convergeOnEveryValidKey_andQuarantineEveryPoisonWrite(long seed,
            @TempDir Path work) throws Exception {
        FunctionFaults faults = FunctionFaults.parse("fail=0.1,fail-after=0.1,duplicate=0.1,seed=" + seed);
        try (LocalCloud cloud = LocalCloud.builder().region(EAST).additionalRegions(WEST).workFolder(work)
                .pollInterval(Duration.ofMillis(50)).faults("MultiLeaderFunction", faults).start()) {
            LocalCloud.Deployment east = cloud.deploy(Path.of("multi-leader/region.yaml"), "ml-east",
                    Map.of("PeerRegion", WEST.id()), EAST);
            LocalCloud.Deployment west = cloud.deploy(Path.of("multi-leader/region.yaml"), "ml-west",
                    Map.of("PeerRegion", EAST.id()), WEST);
            DynamoDbClient eastTable = cloud.dynamoDb(EAST).dynamoDbClient();
            DynamoDbClient westTable = cloud.dynamoDb(WEST).dynamoDbClient();
            addIndexOfItsOwn(westTable);

            LeaderWrites eastWrites = leaderWrites(eastTable, EAST);
            LeaderWrites westWrites = leaderWrites(westTable, WEST);
            SplittableRandom random = new SplittableRandom(seed);
            Map<String, ItemVersion> winners = new HashMap<>();
            Map<String, Boolean> deleted = new HashMap<>();
            Map<String, String> poisonWritten = new HashMap<>();
            for (int valid = 0; valid < VALID_CHANGES; ) {
                if (random.nextInt(5) == 0) {
                    String pk = POISON + poisonWritten.size();
                    AttributeValue team = IndexKeyPoison.draw(random);
                    eastWrites.put(Map.of("PK", AttributeValue.fromS(pk), "team", team));
                    poisonWritten.put(pk, IndexKeyPoison.content(team));
                    continue;
                }
                String pk = "player#" + random.nextInt(VALID_KEYS);
                LeaderWrites writes = random.nextInt(5) == 0 ? westWrites : eastWrites;
                boolean delete = random.nextInt(5) == 0;
                // One thread writes both regions: the version stamped last is the last writer.
                ItemVersion version = writeValid(writes, pk, delete, random);
                if (winners.merge(pk, version, (a, b) -> a.compareTo(b) >= 0 ? a : b).equals(version)) {
                    deleted.put(pk, delete);
                }
                valid++;
            }

            assertThat(cloud.awaitIdle(DRAIN_BOUND)).as("drained within %s", DRAIN_BOUND).isTrue();
            assertThat(cloud.awaitIdle(DRAIN_BOUND)).as("the replicated writes' records too").isTrue();

            Map<String, Map<String, AttributeValue>> eastItems = ReplicaComparison.items(eastTable, TABLE);
            Map<String, Map<String, AttributeValue>> westItems = ReplicaComparison.items(westTable, TABLE);
            assertThat(eastItems.keySet().stream().filter(pk -> pk.startsWith(POISON))).hasSameSizeAs(poisonWritten.keySet());
            eastItems.keySet().removeIf(pk -> pk.startsWith(POISON));
            assertThat(westItems).isEqualTo(eastItems);
            assertThat(eastItems.keySet()).isEqualTo(winners.keySet());
            winners.forEach((pk, winner) -> {
                assertThat(ItemVersion.of(eastItems.get(pk))).as(pk).contains(winner);
                assertThat(LeaderWrites.isTombstone(eastItems.get(pk))).as(pk).isEqualTo(deleted.get(pk));
            });

            assertThat(quarantined(LocalQuarantine.of(cloud, east, "MultiLeaderFunction"), WEST))
                    .isNotEmpty().isEqualTo(poisonWritten);
            assertThat(quarantined(LocalQuarantine.of(cloud, west, "MultiLeaderFunction"), EAST)).isEmpty();
            TriggerStatus.Counts eastCounts = east.triggers().get(0).status().counts();
            assertThat(eastCounts.functionErrors() + eastCounts.duplicateDeliveries())
                    .as("the faults must have struck: %s", eastCounts).isPositive();
            assertThat(Stream.of(east, west).flatMap(deployment -> deployment.triggers().stream()))
                    .allSatisfy(trigger -> assertThat(trigger.status().counts().recordsDiscarded()).isZero());
        }
    }

    /** us-west-2's table: an index on {@code team} (a string) that us-east-1's table does not have. */
    private static void addIndexOfItsOwn(DynamoDbClient dynamoDb) {
        dynamoDb.updateTable(b -> b.tableName(TABLE)
                .attributeDefinitions(a -> a.attributeName("team").attributeType(ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(update -> update.create(index -> index.indexName("BY_TEAM")
                        .keySchema(key -> key.attributeName("team").keyType(KeyType.HASH))
                        .projection(projection -> projection.projectionType(ProjectionType.KEYS_ONLY)))));
        await().atMost(Duration.ofSeconds(10)).until(() -> dynamoDb.describeTable(b -> b.tableName(TABLE)).table()
                .globalSecondaryIndexes().stream().anyMatch(index -> index.indexStatus() == IndexStatus.ACTIVE));
    }

    private static LeaderWrites leaderWrites(DynamoDbClient dynamoDb, Region region) {
        return new LeaderWrites(dynamoDb, TABLE, List.of("PK"), region.id(), InstantSource.system(),
                LeaderWrites.DEFAULT_TOMBSTONE_TTL);
    }

    private static ItemVersion writeValid(LeaderWrites writes, String pk, boolean delete, SplittableRandom random) {
        Map<String, AttributeValue> key = Map.of("PK", AttributeValue.fromS(pk));
        if (delete) {
            return writes.delete(key);
        }
        AttributeValue score = AttributeValue.fromN(Integer.toString(random.nextInt(1000)));
        if (random.nextBoolean()) {
            return writes.update(key, Map.of("score", score));
        }
        return writes.put(Map.of("PK", key.get("PK"), "score", score,
                "team", AttributeValue.fromS("team-" + random.nextInt(5))));
    }

    /** The records in {@code quarantine}'s folder for {@code peer}, each kept once: key to {@code team}. */
    private static Map<String, String> quarantined(S3Quarantine quarantine, Region peer) throws Exception {
        Map<String, String> kept = new HashMap<>();
        for (String key : quarantine.keys(MultiLeaderHandler.quarantineFolder("MultiLeaderFunction", peer.id()))) {
            QuarantinedRecord record = quarantine.read(key);
            assertThat(record.classification()).isEqualTo(Failure.Kind.PERMANENT);
            JsonNode image = new ObjectMapper().readTree(record.record()).path("dynamodb").path("NewImage");
            assertThat(kept.put(image.path("PK").path("S").asText(), IndexKeyPoison.content(image.path("team"))))
                    .as(key).isNull();
        }
        return kept;
    }
}
