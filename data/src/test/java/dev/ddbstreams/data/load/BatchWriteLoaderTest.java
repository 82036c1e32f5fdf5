package dev.ddbstreams.data.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbstreams.data.DataSet;
import dev.ddbstreams.dynamodb.RetryBackoff;
import dev.ddbstreams.dynamodb.UnprocessedItemsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The batching and retry logic, on a stand-in for BatchWriteItem ({@link FakeBatchWriteTable}):
 * DynamoDB Local never returns UnprocessedItems. The same loader runs on DynamoDB Local in the
 * {@code *IT} tests.
 */
class BatchWriteLoaderTest {

    private static final String TABLE = "votes";

    @TempDir
    Path folder;

    private final FakeBatchWriteTable table = new FakeBatchWriteTable(TABLE);
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

    @Test
    void load_whenFileHas60Rows_sends25ItemsPerRequest() throws IOException {
        LoadResult result = loader(5).load(votes(60), DataSet.VOTES);

        assertThat(table.requestSizes()).containsExactly(25, 25, 10);
        assertThat(table.items()).hasSize(60);
        assertThat(result.rowsRead()).isEqualTo(60);
        assertThat(result.rowsLoaded()).isEqualTo(60);
        assertThat(result.requestsSent()).isEqualTo(3);
        assertThat(result.rejectedRows()).isEmpty();
        assertThat(result.tableName()).isEqualTo(TABLE);
    }

    @Test
    void load_whenKeyRepeatsWithinABatch_sendsTheBufferFirstSoTheLaterRowWins() throws IOException {
        Path file = file("id,region,improvement\n1,NORTH,MORE_TREES\n2,SOUTH,BIKE_LANES\n1,NORTH,PLAYGROUNDS\n");

        LoadResult result = loader(5).load(file, DataSet.VOTES);

        assertThat(table.requestSizes()).containsExactly(2, 1);
        assertThat(table.items().get("1")).containsEntry("improvement", AttributeValue.fromS("PLAYGROUNDS"));
        assertThat(result.rowsLoaded()).isEqualTo(3);
    }

    @Test
    void load_whenDynamoDbLeavesItemsUnprocessed_resendsOnlyThoseWithGrowingBackoff() throws IOException {
        table.leaveUnprocessed(2, 5);

        LoadResult result = loader(5).load(votes(25), DataSet.VOTES);

        assertThat(table.requestSizes()).containsExactly(25, 5, 5);
        assertThat(table.items()).hasSize(25);
        assertThat(result.rowsLoaded()).isEqualTo(25);
        assertThat(result.requestsSent()).isEqualTo(3);
        assertThat(result.unprocessedItemRetries()).isEqualTo(10);
        assertThat(sleeps).hasSize(2);
        assertThat(sleeps.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(50));
        assertThat(sleeps.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(100));
    }

    @Test
    void load_whenBatchNeverDrains_stopsAfterMaxAttemptsNamingTableAndCount() throws IOException {
        table.leaveUnprocessed(Integer.MAX_VALUE, 3);
        Path file = votes(30);

        assertThatThrownBy(() -> loader(4).load(file, DataSet.VOTES))
                .isInstanceOf(UnprocessedItemsException.class)
                .hasMessageStartingWith("BatchWriteItem on table 'votes' still left 3 of 25 items unprocessed after"
                        + " 4 attempts");
        assertThat(table.requestSizes()).containsExactly(25, 3, 3, 3);
        assertThat(sleeps).hasSize(3);
    }

    @Test
    void load_whenRowsAreBroken_loadsEveryOtherRowAndReportsFileAndLine() throws IOException {
        Path file = file(String.join("\n",
                "id,region,improvement",
                "1,NORTH,MORE_TREES",
                "2,\"SOUTH",
                "EAST\",BIKE_LANES",
                "3,WEST",
                "",
                "4,CENTRAL,MORE_FLOWERS",
                "5,,PLAYGROUNDS",
                "6,NORTH,STREET_LIGHTS") + "\n");

        LoadResult result = loader(5).load(file, DataSet.VOTES);

        assertThat(table.items()).containsOnlyKeys("1", "2", "4", "6");
        assertThat(result.rowsRead()).isEqualTo(6);
        assertThat(result.rowsLoaded()).isEqualTo(4);
        assertThat(result.rejectedRows()).containsExactly(
                new RejectedRow(file, 5, "expected 3 columns, found 2"),
                new RejectedRow(file, 8, "column 2 (region): is empty"));
        assertThat(result.rejectedRows().get(0)).hasToString(file + ":5: expected 3 columns, found 2");
    }

    @Test
    void load_whenHeaderRowIsMissing_rejectsTheFirstLine() throws IOException {
        Path file = file("1,NORTH,MORE_TREES\n2,SOUTH,BIKE_LANES\n");

        LoadResult result = loader(5).load(file, DataSet.VOTES);

        assertThat(result.rejectedRows()).containsExactly(
                new RejectedRow(file, 1, "expected the header row id,region,improvement"));
        assertThat(table.items()).containsOnlyKeys("2");
    }

    @Test
    void load_whenProgressIsFollowed_reportsRowsDoneAfterEachRequest() throws IOException {
        List<Long> reports = new ArrayList<>();

        loader(5).load(votes(60), DataSet.VOTES, TABLE, reports::add);

        assertThat(reports).containsExactly(25L, 50L, 60L);
    }

    @Test
    void load_whenTableNameIsGiven_writesThere() throws IOException {
        FakeBatchWriteTable other = new FakeBatchWriteTable("votes_copy");

        LoadResult result = new BatchWriteLoader(other, () -> backoff(5), 1)
                .load(votes(3), DataSet.VOTES, "votes_copy", LoadProgressListener.NONE);

        assertThat(other.items()).hasSize(3);
        assertThat(result.tableName()).isEqualTo("votes_copy");
    }

    @Test
    void load_whenRequestsRunConcurrently_writesEveryRowOnce() throws IOException {
        LoadResult result = new BatchWriteLoader(table, () -> backoff(5), 4).load(votes(1_010), DataSet.VOTES);

        assertThat(table.items()).hasSize(1_010);
        assertThat(table.requestSizes()).hasSize(41).containsOnly(25, 10)
                .satisfies(sizes -> assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1_010));
        assertThat(result.rowsLoaded()).isEqualTo(1_010);
        assertThat(result.requestsSent()).isEqualTo(41);
    }

    /** The first batch holding key 1 is slow: without waiting for it, the second would land first and lose. */
    @Test
    void load_whenARepeatedKeysEarlierBatchIsStillInFlight_waitsSoTheLaterRowWins() throws IOException {
        table.slowDownFirstCallHolding("1", Duration.ofMillis(300));
        StringBuilder rows = new StringBuilder("id,region,improvement\n1,NORTH,MORE_TREES\n");
        IntStream.rangeClosed(2, 40).forEach(id -> rows.append(id).append(",SOUTH,BENCHES\n"));
        rows.append("1,NORTH,PLAYGROUNDS\n");

        LoadResult result = new BatchWriteLoader(table, () -> backoff(5), 4).load(file(rows.toString()), DataSet.VOTES);

        assertThat(table.items().get("1")).containsEntry("improvement", AttributeValue.fromS("PLAYGROUNDS"));
        assertThat(result.rowsLoaded()).isEqualTo(41);
    }

    @Test
    void load_whenABatchFailsWhileOthersRun_throwsThatBatchsException() throws IOException {
        table.leaveUnprocessed(Integer.MAX_VALUE, 3);
        Path file = votes(200);

        assertThatThrownBy(() -> new BatchWriteLoader(table, () -> backoff(2), 4).load(file, DataSet.VOTES))
                .isInstanceOf(UnprocessedItemsException.class)
                .hasMessageStartingWith("BatchWriteItem on table 'votes' still left 3 of 25 items unprocessed after"
                        + " 2 attempts");
    }

    private BatchWriteLoader loader(int maxAttempts) {
        return new BatchWriteLoader(table, () -> backoff(maxAttempts), 1);
    }

    private RetryBackoff backoff(int maxAttempts) {
        return new RetryBackoff(Duration.ofMillis(50), Duration.ofSeconds(1), maxAttempts, new Random(1), sleeps::add);
    }

    private Path votes(int count) throws IOException {
        return file("id,region,improvement\n" + IntStream.rangeClosed(1, count)
                .mapToObj(id -> id + ",NORTH,MORE_TREES\n")
                .collect(Collectors.joining()));
    }

    private Path file(String content) throws IOException {
        Path file = folder.resolve("votes.csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
