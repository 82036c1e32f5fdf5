package dev.ddbstreams.gamescores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ddbstreams.gamescores.workload.PlayerScores;
import dev.ddbstreams.gamescores.workload.ScoreTotals;
import dev.ddbstreams.gamescores.workload.ScoreWorkload;
import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.lambda.FunctionFaults;
import dev.ddbstreams.localcloud.trigger.StreamTrigger;
import dev.ddbstreams.localcloud.trigger.TriggerStatus;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * End to end through the local cloud on the module's template: a seeded random workload of
 * inserts, score changes, moves to another player, invalid records and deletes on
 * GameScoreRecords, while ScoreSumFunction fails before and after its writes and gets batches
 * twice. Totals and game counts must equal a recount of the table; best scores the high-water
 * marks of the workload.
 */
class GameScoresIT {

    private static final String RECORDS = "GameScoreRecords";
    private static final String TOTALS = "GameScoresByUser";
    private static final int CHANGES = 1_200;
    private static final int RECORD_IDS = 200;
    private static final int PLAYERS = 12;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void scoreSums_whenInvocationsFailAndRepeat_equalRecountAndHighWaterMarks(long seed, @TempDir Path work)
            throws InterruptedException {
        try (LocalCloud cloud = LocalCloud.builder().pollInterval(Duration.ofMillis(50)).workFolder(work)
                .faults("ScoreSumFunction", FunctionFaults.parse("fail=0.1,fail-after=0.1,duplicate=0.1,seed=" + seed))
                .start()) {
            LocalCloud.Deployment deployment = cloud.deploy(Path.of("template.yaml"), "game-scores-it", Map.of());
            DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();

            Map<String, BigDecimal> highWater = runWorkload(dynamoDb, new SplittableRandom(seed));

            assertThat(cloud.awaitIdle(Duration.ofSeconds(60))).isTrue();
            Map<String, PlayerScores> expected = expected(ScoreTotals.recount(dynamoDb, RECORDS), highWater);
            // The last tumbling window closes one window (1 s) after its first record.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertThat(ScoreTotals.read(dynamoDb, TOTALS)).isEqualTo(expected));
            TriggerStatus.Counts counts = trigger(deployment).status().counts();
            assertThat(counts.functionErrors() + counts.duplicateDeliveries())
                    .as("the faults must have struck: %s", counts).isPositive();
            assertThat(counts.recordsDiscarded()).isZero();
            // The Kinesis trigger runs too (on an empty stream here).
            assertThat(deployment.triggersNotRun()).isEmpty();
            assertThat(deployment.triggers()).hasSize(2);
        }
    }

    /** Writes the workload and returns each player's high-water mark: the best valid score ever written for them. */
    private static Map<String, BigDecimal> runWorkload(DynamoDbClient dynamoDb, SplittableRandom random) {
        ScoreWorkload workload = new ScoreWorkload(random, RECORD_IDS, PLAYERS);
        for (int i = 0; i < CHANGES; i++) {
            workload.step(dynamoDb, RECORDS);
        }
        return workload.highWater();
    }

    /** Every player who ever had a valid score has an item; one with no records left has total 0 and 0 games. */
    private static Map<String, PlayerScores> expected(Map<String, PlayerScores> recount, Map<String, BigDecimal> highWater) {
        Map<String, PlayerScores> expected = new TreeMap<>();
        highWater.forEach((player, best) -> {
            PlayerScores now = recount.getOrDefault(player, new PlayerScores(BigDecimal.ZERO, BigDecimal.ZERO, best));
            expected.put(player, new PlayerScores(now.total(), now.games(), best));
        });
        return expected;
    }

    private static StreamTrigger trigger(LocalCloud.Deployment deployment) {
        return deployment.triggers().stream().filter(t -> t.settings().sourceName().equals(RECORDS)).findFirst()
                .orElseThrow();
    }
}
