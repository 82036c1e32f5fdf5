package dev.ddbstreams.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.lambda.FunctionFaults;
import dev.ddbstreams.localcloud.trigger.TriggerStatus;
import dev.ddbstreams.replication.workload.ReplicaComparison;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BinaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Two leaders, us-east-1 and us-west-2, each with its game_state table and replicator
 * (multi-leader/region.yaml, one stack per region, on two DynamoDB Locals), then three. Threads in
 * every region put, update and delete a dozen keys at once through LeaderWrites while the replicators fail
 * before and after their writes and get batches twice; then, once quiet, both tables must be
 * identical, each key must hold the last writer's version computed from the write log, and the
 * triggers' counts must show that no replicated change reached a function or was sent back.
 */
class MultiLeaderReplicationIT {

    private static final Region EAST = Region.US_EAST_1;
    private static final Region WEST = Region.US_WEST_2;
    private static final String TABLE = "game_state";
    private static final int KEYS = 12;

    /** One application write that succeeded, as LeaderWrites stamped it. */
    private record Written(Region region, String pk, ItemVersion version, boolean deleted) {
    }

    @Test
    void concurrentConflictingWrites_inTwoRegions_underFaults_convergeToTheLastWriter_withoutLoops(@TempDir Path work)
            throws Exception {
        convergeUnderFaults(work, List.of(EAST, WEST), 2, 150);
    }

    /** Three leaders: each function writes to two peers (PEER_REGIONS from PeerRegion and SecondPeerRegion). */
    @Test
    void concurrentConflictingWrites_inThreeRegions_underFaults_convergeToTheLastWriter_withoutLoops(@TempDir Path work)
            throws Exception {
        convergeUnderFaults(work, List.of(EAST, WEST, Region.EU_WEST_1), 1, 100);
    }

    private static void convergeUnderFaults(Path work, List<Region> regions, int threadsPerRegion, int writesPerThread)
            throws Exception {
        try (LocalCloud cloud = LocalCloud.builder().region(regions.get(0))
                .additionalRegions(regions.subList(1, regions.size()).toArray(Region[]::new))
                .workFolder(work).pollInterval(Duration.ofMillis(50))
                .faults("MultiLeaderFunction", FunctionFaults.parse("fail=0.1,fail-after=0.1,duplicate=0.1,seed=5"))
                .start()) {
            Map<Region, LocalCloud.Deployment> deployments = new LinkedHashMap<>();
            Map<Region, DynamoDbClient> clients = new LinkedHashMap<>();
            for (Region region : regions) {
                List<String> peers = regions.stream().filter(peer -> peer != region).map(Region::id).toList();
                Map<String, String> parameters = new HashMap<>(Map.of("PeerRegion", peers.get(0)));
                if (peers.size() > 1) {
                    parameters.put("SecondPeerRegion", peers.get(1));
                }
                deployments.put(region, cloud.deploy(Path.of("multi-leader/region.yaml"), "ml-" + region.id(),
                        parameters, region));
                clients.put(region, cloud.dynamoDb(region).dynamoDbClient());
            }

            List<Written> log = write(clients, threadsPerRegion, writesPerThread);

            assertThat(cloud.awaitIdle(Duration.ofSeconds(90))).isTrue();
            assertThat(cloud.awaitIdle(Duration.ofSeconds(30))).isTrue(); // the records the replicators wrote, too

            DynamoDbClient first = clients.get(regions.get(0));
            for (Region other : regions.subList(1, regions.size())) {
                ReplicaComparison.Differences differences = ReplicaComparison.compare(first, TABLE, clients.get(other),
                        TABLE);
                assertThat(differences.none()).as(other + ": " + differences).isTrue();
            }

            Map<String, Written> winners = log.stream().collect(Collectors.toMap(Written::pk, written -> written,
                    BinaryOperator.maxBy(Comparator.comparing(Written::version))));
            Map<String, Map<String, AttributeValue>> items = ReplicaComparison.items(first, TABLE);
            assertThat(items.keySet()).isEqualTo(winners.keySet());
            winners.forEach((pk, winner) -> {
                assertThat(ItemVersion.of(items.get(pk))).as(pk).contains(winner.version());
                assertThat(LeaderWrites.isTombstone(items.get(pk))).as(pk).isEqualTo(winner.deleted());
            });
            assertThat(winners.values()).extracting(Written::deleted).contains(true, false);

            deployments.forEach((region, deployment) ->
                    assertNoLoop(deployment, count(log, region), log.size() - count(log, region)));
        }
    }

    /**
     * Every application write makes one stream record, and so does every replicated write that
     * won: the function saw exactly the local writes; the replicated ones were all filtered out,
     * and there are at most as many as the peers' writes (each version lands once, if at all).
     */
    private static void assertNoLoop(LocalCloud.Deployment region, long localWrites, long peerWrites) {
        TriggerStatus.Counts counts = region.triggers().get(0).status().counts();
        long replicatedIn = counts.recordsRead() - localWrites;

        assertThat(counts.recordsRead() - counts.recordsFilteredOut()).as(region.stackName() + " records delivered")
                .isEqualTo(localWrites);
        assertThat(counts.recordsFilteredOut()).as(region.stackName() + " records filtered out")
                .isEqualTo(replicatedIn).isPositive().isLessThanOrEqualTo(peerWrites);
        assertThat(counts.recordsDiscarded()).isZero();
        assertThat(counts.functionErrors()).isPositive(); // the faults did happen
    }

    private static long count(List<Written> log, Region region) {
        return log.stream().filter(written -> written.region() == region).count();
    }

    private static List<Written> write(Map<Region, DynamoDbClient> clients, int threadsPerRegion, int writesPerThread)
            throws Exception {
        // A 20 ms clock makes both regions stamp the same time now and then: the tie-break decides those.
        InstantSource coarse = () -> Instant.ofEpochMilli(System.currentTimeMillis() / 20 * 20);
        List<Written> log = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients.size() * threadsPerRegion);
        try {
            List<Future<?>> done = new ArrayList<>();
            int seed = 0;
            for (Map.Entry<Region, DynamoDbClient> client : clients.entrySet()) {
                LeaderWrites writes = new LeaderWrites(client.getValue(), TABLE, List.of("PK"), client.getKey().id(),
                        coarse, LeaderWrites.DEFAULT_TOMBSTONE_TTL);
                for (int thread = 0; thread < threadsPerRegion; thread++) {
                    SplittableRandom random = new SplittableRandom(++seed);
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < writesPerThread; i++) {
                            log.add(writeOne(writes, client.getKey(), random));
                        }
                    }));
                }
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return log;
    }

    private static Written writeOne(LeaderWrites writes, Region region, SplittableRandom random) {
        String pk = "player#" + random.nextInt(KEYS);
        Map<String, AttributeValue> key = Map.of("PK", AttributeValue.fromS(pk));
        int dice = random.nextInt(100);
        if (dice < 40) {
            return new Written(region, pk, writes.put(Map.of("PK", AttributeValue.fromS(pk),
                    "score", AttributeValue.fromN(Integer.toString(random.nextInt(1000))),
                    "level", AttributeValue.fromS(region.id() + "-" + random.nextInt(5)))), false);
        }
        if (dice < 75) {
            return new Written(region, pk, writes.update(key,
                    Map.of("score", AttributeValue.fromN(random.nextInt(1000) + ".5"))), false);
        }
        return new Written(region, pk, writes.delete(key), true);
    }
}
