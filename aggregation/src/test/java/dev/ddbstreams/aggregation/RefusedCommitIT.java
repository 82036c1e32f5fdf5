package dev.ddbstreams.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ddbstreams.aggregation.workload.VoteTotals;
import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.trigger.StreamTrigger;
import dev.ddbstreams.windows.StatisticsAggregator;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A window whose sum would pass DynamoDB's 38 digits only once added to what the aggregate table
 * already holds: the commit is refused, the committer reads the current sums (BatchGetItem) to
 * say which increment broke the limit, and the rest of the window is applied. The local cloud
 * enforces the template's IAM policy, so this also proves the role allows that read: without it
 * the refusal path fails with AccessDeniedException and, with MaximumRetryAttempts -1, stalls.
 */
class RefusedCommitIT {

    private static final Duration DRAIN = Duration.ofSeconds(90);
    /** 10^38: one significant digit, so DynamoDB stores it; plus 1 it needs 39. */
    private static final String TEN_TO_THE_38 = "1" + "0".repeat(38);

    @TempDir
    Path work;

    @Test
    void voteCounter_aTotalThatWouldPass38Digits_isRefused_andTheOtherVotesCounted() throws InterruptedException {
        try (LocalCloud cloud = LocalCloud.builder().workFolder(work).pollInterval(Duration.ofMillis(50)).start()) {
            LocalCloud.Deployment deployment = cloud.deploy(Path.of("template.yaml"), "refused-votes", Map.of());
            DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();
            dynamoDb.putItem(b -> b.tableName("total_votes").item(Map.of("region", AttributeValue.fromS("NORTH"),
                    "improvement", AttributeValue.fromS("MORE_TREES"),
                    "total_votes", AttributeValue.fromN(TEN_TO_THE_38))));

            vote(dynamoDb, "v-1", "NORTH", "MORE_TREES");
            vote(dynamoDb, "v-2", "SOUTH", "BIKE_LANES");

            StreamTrigger trigger = trigger(deployment, "VoteCounterFunction");
            // The window closes a window's length after its first vote.
            await().atMost(DRAIN).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(VoteTotals.read(dynamoDb, "total_votes")).as("%s", trigger.status())
                            .containsEntry("SOUTH/BIKE_LANES", BigDecimal.ONE));
            assertThat(cloud.awaitIdle(DRAIN)).as("drained: %s", trigger.status()).isTrue();
            assertThat(VoteTotals.read(dynamoDb, "total_votes"))
                    .containsEntry("NORTH/MORE_TREES", new BigDecimal(TEN_TO_THE_38));
            assertThat(trigger.status().counts().functionErrors()).isZero();
        }
    }

    @Test
    void statistics_aSumThatWouldPass38Digits_isRefused_andTheOtherSensorsAggregated() throws InterruptedException {
        try (LocalCloud cloud = LocalCloud.builder().workFolder(work).pollInterval(Duration.ofMillis(50)).start()) {
            LocalCloud.Deployment deployment = cloud.deploy(Path.of("template.yaml"), "refused-stats", Map.of());
            DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();
            String big = "1" + "0".repeat(37);

            measure(dynamoDb, "m-1", "big", big);
            await().atMost(DRAIN).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(sum(dynamoDb, "big")).isEqualTo(big));
            measure(dynamoDb, "m-2", "big", "0.5");
            measure(dynamoDb, "m-3", "small", "2.5");

            StreamTrigger trigger = trigger(deployment, "StatisticsFunction");
            await().atMost(DRAIN).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(sum(dynamoDb, "small")).as("%s", trigger.status()).isEqualTo("2.5"));
            assertThat(cloud.awaitIdle(DRAIN)).as("drained: %s", trigger.status()).isTrue();
            assertThat(sum(dynamoDb, "big")).isEqualTo(big);
            assertThat(trigger.status().counts().functionErrors()).isZero();
        }
    }

    private static void vote(DynamoDbClient dynamoDb, String id, String region, String improvement) {
        dynamoDb.putItem(b -> b.tableName("votes").item(Map.of("id", AttributeValue.fromS(id),
                "region", AttributeValue.fromS(region), "improvement", AttributeValue.fromS(improvement))));
    }

    private static void measure(DynamoDbClient dynamoDb, String id, String sensor, String reading) {
        dynamoDb.putItem(b -> b.tableName("measurements").item(Map.of("id", AttributeValue.fromS(id),
                "sensor", AttributeValue.fromS(sensor), "reading", AttributeValue.fromN(reading))));
    }

    private static String sum(DynamoDbClient dynamoDb, String sensor) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName("measurement_stats").consistentRead(true)
                .key(Map.of("sensor", AttributeValue.fromS(sensor)))).item();
        return item.containsKey(StatisticsAggregator.SUM)
                ? new BigDecimal(item.get(StatisticsAggregator.SUM).n()).toPlainString() : "";
    }

    private static StreamTrigger trigger(LocalCloud.Deployment deployment, String functionLogicalId) {
        String functionName = deployment.template().function(functionLogicalId).orElseThrow().functionName();
        return deployment.triggers().stream().filter(t -> t.functionName().equals(functionName)).findFirst()
                .orElseThrow();
    }
}
