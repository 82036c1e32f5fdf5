package dev.ddbstreams.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.lambda.FunctionFaults;
import dev.ddbstreams.localcloud.trigger.StreamTrigger;
import dev.ddbstreams.localcloud.trigger.TriggerStatus;
import dev.ddbstreams.windows.StatisticsAggregator;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * End to end through the local cloud, on the module's own template: a seeded random workload of
 * inserts, updates (changing the reading, moving the item to another sensor, making it invalid)
 * and deletes on {@code measurements}, while StatisticsFunction fails before and after its writes
 * and gets batches delivered twice. Count and sum must equal a recount of the table, max and min
 * the high-water marks of the workload.
 */
class StatisticsIT {

    private static final String SOURCE = "measurements";
    private static final String STATS = "measurement_stats";
    private static final int CHANGES = 2_000;
    private static final int ITEMS = 300;

    /** A group's statistics, numbers without trailing zeros so that 1.50 equals 1.5. */
    record Stats(BigDecimal count, BigDecimal sum, BigDecimal max, BigDecimal min) {
        Stats {
            count = count.stripTrailingZeros();
            sum = sum.stripTrailingZeros();
            max = max.stripTrailingZeros();
            min = min.stripTrailingZeros();
        }
    }

    @ParameterizedTest(name = "seed {0}, {1} sensors")
    @CsvSource({"1, 8", "2, 150", "3, 40"})
    void statistics_whenInvocationsFailAndRepeat_equalRecountAndHighWaterMarks(long seed, int sensors,
            @TempDir Path work) throws InterruptedException {
        try (LocalCloud cloud = LocalCloud.builder().pollInterval(Duration.ofMillis(50)).workFolder(work)
                .faults("StatisticsFunction",
                        FunctionFaults.parse("fail=0.1,fail-after=0.1,duplicate=0.1,seed=" + seed))
                .start()) {
            LocalCloud.Deployment deployment = cloud.deploy(Path.of("template.yaml"), "stats-it", Map.of());
            DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();

            Map<String, BigDecimal[]> highWater = runWorkload(dynamoDb, new SplittableRandom(seed), sensors);

            assertThat(cloud.awaitIdle(Duration.ofSeconds(30))).isTrue();
            Map<String, Stats> expected = expected(recount(dynamoDb), highWater);
            // The last tumbling window closes one window (1 s) after its first record.
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(statistics(dynamoDb)).isEqualTo(expected));
            TriggerStatus.Counts counts = trigger(deployment).status().counts();
            assertThat(counts.functionErrors() + counts.duplicateDeliveries())
                    .as("the faults must have struck: %s", counts).isPositive();
            assertThat(counts.recordsDiscarded()).isZero();
        }
    }

    /**
     * Writes the workload and returns the high-water marks: per sensor, the largest and smallest
     * reading any valid item of it was written with.
     */
    private static Map<String, BigDecimal[]> runWorkload(DynamoDbClient dynamoDb, SplittableRandom random,
            int sensors) {
        Map<String, BigDecimal[]> highWater = new HashMap<>();
        Set<String> existing = new HashSet<>();
        for (int i = 0; i < CHANGES; i++) {
            String id = "m-" + random.nextInt(ITEMS);
            if (existing.contains(id) && random.nextInt(100) < 25) {
                dynamoDb.deleteItem(b -> b.tableName(SOURCE).key(Map.of("id", AttributeValue.fromS(id))));
                existing.remove(id);
                continue;
            }
            // A put of an existing item is a MODIFY: a new reading, often another sensor.
            String sensor = "s-" + random.nextInt(sensors);
            BigDecimal reading = BigDecimal.valueOf(random.nextInt(-100_000, 100_000), 2);
            Map<String, AttributeValue> item = new HashMap<>(Map.of("id", AttributeValue.fromS(id),
                    "sensor", AttributeValue.fromS(sensor)));
            int shape = random.nextInt(100);
            if (shape < 3) {
                item.put("reading", AttributeValue.fromS(reading.toPlainString()));
            } else if (shape < 5) {
                item.remove("sensor");
                item.put("reading", AttributeValue.fromN(reading.toPlainString()));
            } else {
                item.put("reading", AttributeValue.fromN(reading.toPlainString()));
                highWater.merge(sensor, new BigDecimal[] {reading, reading},
                        (old, now) -> new BigDecimal[] {old[0].max(now[0]), old[1].min(now[1])});
            }
            dynamoDb.putItem(b -> b.tableName(SOURCE).item(item));
            existing.add(id);
        }
        return highWater;
    }

    /** Count and sum of the valid items now in the source table, per sensor: the truth. */
    private static Map<String, BigDecimal[]> recount(DynamoDbClient dynamoDb) {
        Map<String, BigDecimal[]> recount = new HashMap<>();
        dynamoDb.scanPaginator(b -> b.tableName(SOURCE)).items().forEach(item -> {
            AttributeValue sensor = item.get("sensor");
            AttributeValue reading = item.get("reading");
            if (sensor != null && reading != null && reading.n() != null) {
                recount.merge(sensor.s(), new BigDecimal[] {BigDecimal.ONE, new BigDecimal(reading.n())},
                        (old, now) -> new BigDecimal[] {old[0].add(now[0]), old[1].add(now[1])});
            }
        });
        return recount;
    }

    /** Every sensor that ever held a valid reading has statistics; a sensor with no items left counts 0. */
    private static Map<String, Stats> expected(Map<String, BigDecimal[]> recount, Map<String, BigDecimal[]> highWater) {
        Map<String, Stats> expected = new TreeMap<>();
        highWater.forEach((sensor, extremes) -> {
            BigDecimal[] countAndSum = recount.getOrDefault(sensor, new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            expected.put(sensor, new Stats(countAndSum[0], countAndSum[1], extremes[0], extremes[1]));
        });
        return expected;
    }

    private static Map<String, Stats> statistics(DynamoDbClient dynamoDb) {
        Map<String, Stats> statistics = new TreeMap<>();
        dynamoDb.scanPaginator(b -> b.tableName(STATS).consistentRead(true)).items().forEach(item ->
                statistics.put(item.get("sensor").s(), new Stats(number(item, StatisticsAggregator.COUNT),
                        number(item, StatisticsAggregator.SUM), number(item, StatisticsAggregator.MAX),
                        number(item, StatisticsAggregator.MIN))));
        return statistics;
    }

    private static BigDecimal number(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        // Missing shows as an impossible value, so the comparison fails with the whole map printed.
        return value == null ? new BigDecimal("-999999999") : new BigDecimal(value.n());
    }

    private static StreamTrigger trigger(LocalCloud.Deployment deployment) {
        return deployment.triggers().stream().filter(t -> t.settings().sourceName().equals(SOURCE)).findFirst()
                .orElseThrow();
    }
}
