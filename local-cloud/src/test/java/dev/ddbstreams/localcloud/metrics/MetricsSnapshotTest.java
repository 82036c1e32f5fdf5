package dev.ddbstreams.localcloud.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricsSnapshotTest {

    private final RequestMetrics metrics = new RequestMetrics();

    @Test
    void record_whenCallTouchesTwoTables_countsItInEachRowButOnceInTheTotal() {
        metrics.record(new RecordedCall("DynamoDb", "BatchWriteItem", 1, Optional.empty(), List.of(
                write("votes", 25, 25.0), write("checkpoints", 1, 1.0))));

        MetricsSnapshot snapshot = metrics.snapshot();

        assertThat(snapshot.row("DynamoDb", "votes", "BatchWriteItem").calls()).isEqualTo(1);
        assertThat(snapshot.row("DynamoDb", "checkpoints", "BatchWriteItem").calls()).isEqualTo(1);
        assertThat(snapshot.total().calls()).isEqualTo(1);
        assertThat(snapshot.total().items()).isEqualTo(26);
        assertThat(snapshot.total().writeUnits()).isEqualTo(26.0);
    }

    @Test
    void minus_whenEarlierSnapshotGiven_keepsOnlyWhatHappenedInBetween() {
        metrics.record(put("votes", 1.0));
        metrics.record(put("totals", 1.0));
        MetricsSnapshot before = metrics.snapshot();
        metrics.record(put("votes", 2.0));
        metrics.record(failed("votes", "ConditionalCheckFailedException"));

        MetricsSnapshot phase = metrics.snapshot().minus(before);

        assertThat(phase.rows()).containsOnlyKeys(new MetricKey("DynamoDb", "votes", "PutItem"));
        Counters votes = phase.row("DynamoDb", "votes", "PutItem");
        assertThat(votes.calls()).isEqualTo(2);
        assertThat(votes.failures()).isEqualTo(1);
        assertThat(votes.items()).isEqualTo(1);
        assertThat(votes.writeUnits()).isEqualTo(2.0);
        assertThat(votes.failuresByCode()).containsExactly(Map.entry("ConditionalCheckFailedException", 1L));
        assertThat(phase.total().calls()).isEqualTo(2);
    }

    @Test
    void minus_whenNothingHappened_isEmptyWithZeroTotal() {
        metrics.record(put("votes", 1.0));
        MetricsSnapshot before = metrics.snapshot();

        MetricsSnapshot phase = metrics.snapshot().minus(before);

        assertThat(phase.isEmpty()).isTrue();
        assertThat(phase.total().isZero()).isTrue();
    }

    @Test
    void minus_whenFailuresOfACodeCancelOut_dropsTheCode() {
        metrics.record(failed("votes", "ResourceNotFoundException"));
        MetricsSnapshot before = metrics.snapshot();
        metrics.record(put("votes", 1.0));

        MetricsSnapshot phase = metrics.snapshot().minus(before);

        assertThat(phase.row("DynamoDb", "votes", "PutItem").failuresByCode()).isEmpty();
    }

    @Test
    void retries_whenAttemptsExceedCalls_areTheExtraAttempts() {
        metrics.record(new RecordedCall("DynamoDb", "PutItem", 3, Optional.of("ThrottlingException"),
                List.of(ResourceUsage.of("votes"))));
        metrics.record(put("votes", 1.0));

        assertThat(metrics.snapshot().total().retries()).isEqualTo(2);
    }

    @Test
    void row_whenNoCallTouchedIt_isZero() {
        assertThat(metrics.snapshot().row("DynamoDb", "nothing", "PutItem")).isEqualTo(Counters.ZERO);
    }

    @Test
    void resource_whenSeveralOperationsTouchedIt_addsThemUp() {
        metrics.record(put("votes", 1.0));
        metrics.record(new RecordedCall("DynamoDb", "Query", 1, Optional.empty(),
                List.of(new ResourceUsage("votes", 3, 0, true, true, 0.5, 0))));

        Counters votes = metrics.snapshot().resource("votes");

        assertThat(votes.calls()).isEqualTo(2);
        assertThat(votes.readUnits()).isEqualTo(0.5);
        assertThat(votes.writeUnits()).isEqualTo(1.0);
    }

    @Test
    void reset_whenCalled_forgetsEverything() {
        metrics.record(put("votes", 1.0));

        metrics.reset();

        assertThat(metrics.snapshot().isEmpty()).isTrue();
        assertThat(metrics.snapshot().total()).isEqualTo(Counters.ZERO);
    }

    @Test
    void snapshot_whenRecordedAfterwards_doesNotChange() {
        metrics.record(put("votes", 1.0));
        MetricsSnapshot snapshot = metrics.snapshot();

        metrics.record(put("votes", 1.0));

        assertThat(snapshot.total().calls()).isEqualTo(1);
    }

    @Test
    void record_whenManyThreadsRecord_losesNoCall() throws InterruptedException {
        List<Thread> threads = java.util.stream.IntStream.range(0, 8)
                .mapToObj(i -> new Thread(() -> {
                    for (int n = 0; n < 1_000; n++) {
                        metrics.record(put("votes", 1.0));
                    }
                }))
                .toList();
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(metrics.snapshot().row("DynamoDb", "votes", "PutItem").calls()).isEqualTo(8_000);
        assertThat(metrics.snapshot().total().writeUnits()).isEqualTo(8_000.0);
    }

    private static ResourceUsage write(String table, long items, double writeUnits) {
        return new ResourceUsage(table, items, 0, true, true, 0, writeUnits);
    }

    private static RecordedCall put(String table, double writeUnits) {
        return new RecordedCall("DynamoDb", "PutItem", 1, Optional.empty(), List.of(write(table, 1, writeUnits)));
    }

    private static RecordedCall failed(String table, String code) {
        return new RecordedCall("DynamoDb", "PutItem", 1, Optional.of(code),
                List.of(new ResourceUsage(table, 0, 0, true, false, 0, 0)));
    }
}
