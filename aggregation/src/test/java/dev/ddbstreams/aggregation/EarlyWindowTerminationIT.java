package dev.ddbstreams.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.aggregation.workload.VoteTotals;
import dev.ddbstreams.localcloud.LocalCloud;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Lambda ends a tumbling window early when its state passes 1 MB and sends the rest of the period
 * as another window with the same start. Votes for thousands of distinct, long improvements make
 * the counter's state pass 1 MB several times in one window on the local trigger (which ends
 * windows early as Lambda does); the totals must still equal a recount, so no window's increments
 * were taken for an earlier one's and dropped as "already applied".
 */
class EarlyWindowTerminationIT {

    private static final int VOTES = 3_000;
    private static final int IMPROVEMENTS = 2_000;

    @Test
    void stateOver1Mb_endsTheWindowEarly_andTheRestOfItsPeriodIsCountedToo(@TempDir Path work)
            throws InterruptedException {
        try (LocalCloud cloud = LocalCloud.builder().workFolder(work).pollInterval(Duration.ofMillis(50)).start()) {
            cloud.deploy(Path.of("template.yaml"), "votes-early", Map.of("WindowSeconds", "20"),
                    function -> function.logicalId().equals("VoteCounterFunction"), trigger -> trigger);
            DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();

            writeVotes(dynamoDb, new SplittableRandom(7));

            assertThat(cloud.awaitIdle(Duration.ofSeconds(120))).isTrue();
            Map<String, BigDecimal> recount = VoteTotals.recount(dynamoDb, "votes");
            assertThat(recount.values().stream().mapToInt(BigDecimal::intValue).sum()).isEqualTo(VOTES);
            assertThat(VoteTotals.read(dynamoDb, "total_votes")).isEqualTo(recount);
            // Marker: <stream ARN>#<shard>#<start>#<first sequence>#<chunk>/<chunks>. Some start had two windows.
            Map<String, Long> windowsPerStart = markers(dynamoDb).stream()
                    .map(marker -> marker.substring(0, marker.lastIndexOf('#')))
                    .distinct()
                    .collect(Collectors.groupingBy(window -> window.substring(0, window.lastIndexOf('#')),
                            Collectors.counting()));
            assertThat(windowsPerStart.values()).anySatisfy(windows -> assertThat(windows).isGreaterThan(1));
        }
    }

    /**
     * Each improvement about 1,000 bytes (a sort key may be 1,024): about 1,000 of them pass 1 MB of state.
     * The 3,000 votes take a few seconds to write; split across two 20-second windows, the larger part
     * still names over 1,000 improvements.
     */
    private static void writeVotes(DynamoDbClient dynamoDb, SplittableRandom random) {
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 0; i < VOTES; i++) {
            String improvement = "IMPROVEMENT-" + random.nextInt(IMPROVEMENTS) + "-" + "x".repeat(980);
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of(
                    "id", AttributeValue.fromS("vote-" + i),
                    "region", AttributeValue.fromS("NORTH"),
                    "improvement", AttributeValue.fromS(improvement))).build()).build());
            if (batch.size() == 25 || i == VOTES - 1) {
                List<WriteRequest> requests = List.copyOf(batch);
                assertThat(dynamoDb.batchWriteItem(b -> b.requestItems(Map.of("votes", requests)))
                        .unprocessedItems()).isEmpty();
                batch.clear();
            }
        }
    }

    private static List<String> markers(DynamoDbClient dynamoDb) {
        List<String> markers = new ArrayList<>();
        dynamoDb.scanPaginator(b -> b.tableName("vote_windows_applied")).items()
                .forEach(item -> markers.add(item.get("window").s()));
        return markers;
    }
}
