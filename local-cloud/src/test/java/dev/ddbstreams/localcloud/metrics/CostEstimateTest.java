package dev.ddbstreams.localcloud.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostEstimateTest {

    private static Counters counters(long calls, double writeUnits, double readUnits) {
        return new Counters(calls, 0, calls, calls, 0, calls, calls, readUnits, writeUnits, Map.of());
    }

    @Test
    void of_dynamoDbRows_pricesRequestUnitsPerTable_andStreamReadsAsFree() {
        MetricsSnapshot requests = new MetricsSnapshot(Map.of(
                new MetricKey("DynamoDb", "votes", "BatchWriteItem"), counters(10, 250, 0),
                new MetricKey("DynamoDb", "votes", "PutItem"), counters(750, 750, 0),
                new MetricKey("DynamoDb", "total_votes", "TransactWriteItems"), counters(4, 16, 0),
                new MetricKey("DynamoDb", "total_votes", "Scan"), counters(1, 0, 2.5),
                new MetricKey("DynamoDbStreams", "votes", "GetRecords"), counters(40, 0, 0)),
                counters(805, 1016, 2.5));

        CostEstimate estimate = CostEstimate.of(requests, Map.of(), 0, 0);

        assertThat(estimate.lines()).extracting(CostEstimate.Line::item, CostEstimate.Line::resource,
                CostEstimate.Line::quantity).containsExactly(
                        tuple("DynamoDB write request units", "total_votes", 16.0),
                        tuple("DynamoDB read request units", "total_votes", 2.5),
                        tuple("DynamoDB write request units", "votes", 1000.0),
                        tuple("DynamoDB Streams GetRecords (Lambda: free)", "votes", 40.0));
        // 1,016 WRU at $0.625 per million, 2.5 RRU at $0.125 per million.
        assertThat(estimate.totalUsd()).isCloseTo(1016 * 0.625e-6 + 2.5 * 0.125e-6, within(1e-12));
        assertThat(estimate.lines().get(3).usd()).isZero();
    }

    @Test
    void of_refusedConditionalWrites_countOneWriteUnitEach_whichDynamoDbLocalDoesNotReport() {
        Counters refusedPuts = new Counters(100, 40, 100, 60, 0, 100, 60, 0, 60,
                Map.of("ConditionalCheckFailedException", 40L));
        Counters throttled = new Counters(5, 5, 5, 0, 0, 5, 0, 0, 0, Map.of("ProvisionedThroughputExceededException", 5L));
        MetricsSnapshot requests = new MetricsSnapshot(Map.of(
                new MetricKey("DynamoDb", "GameScoreRecords", "PutItem"), refusedPuts,
                new MetricKey("DynamoDb", "GameScoreRecords", "UpdateItem"), throttled),
                refusedPuts.plus(throttled));

        CostEstimate estimate = CostEstimate.of(requests, Map.of(), 0, 0);

        assertThat(estimate.lines()).singleElement().extracting(CostEstimate.Line::quantity).isEqualTo(100.0);
    }

    @Test
    void of_invocations_pricesRequestsAndGigabyteSeconds() {
        InvocationMetrics metrics = new InvocationMetrics();
        // 1.2 ms bills as 2 ms; 3 invocations of a 1,024 MB function: 2 + 500 + 1,000 ms = 1.502 GB-s.
        metrics.record("ReplicaFunction", 1024, Duration.ofNanos(1_200_000));
        metrics.record("ReplicaFunction", 1024, Duration.ofMillis(500));
        metrics.record("ReplicaFunction", 1024, Duration.ofMillis(1000));

        CostEstimate estimate = CostEstimate.of(MetricsSnapshot.EMPTY, metrics.snapshot(), 0, 0);

        assertThat(estimate.lines()).hasSize(2);
        assertThat(estimate.lines().get(0).quantity()).isEqualTo(3);
        assertThat(estimate.lines().get(0).usd()).isCloseTo(3 * 0.20e-6, within(1e-15));
        assertThat(estimate.lines().get(1).quantity()).isCloseTo(1.502, within(1e-9));
        assertThat(estimate.lines().get(1).usd()).isCloseTo(1.502 * 0.0000166667, within(1e-15));
    }

    @Test
    void of_firehoseAndS3_pricesBilledGigabytesAndPuts() {
        long billed = 200_000L * 5_120; // 200,000 records of up to 5 KB each

        CostEstimate estimate = CostEstimate.of(MetricsSnapshot.EMPTY, Map.of(), billed, 40);

        assertThat(estimate.lines().get(0).quantity()).isCloseTo(billed / (1024.0 * 1024 * 1024), within(1e-12));
        assertThat(estimate.lines().get(0).usd()).isCloseTo(billed / (1024.0 * 1024 * 1024) * 0.029, within(1e-12));
        assertThat(estimate.lines().get(1).usd()).isCloseTo(40 * 0.005 / 1000, within(1e-15));
    }

    @Test
    void perMillion_scalesTheRunToAMillionChanges_andRejectsNoChanges() {
        assertThat(CostEstimate.perMillion(0.003, 6_000)).isCloseTo(0.5, within(1e-12));
        assertThatThrownBy(() -> CostEstimate.perMillion(1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source changes");
    }

    @Test
    void render_showsEachLineAndTheTotal_perMillionChanges() {
        MetricsSnapshot requests = new MetricsSnapshot(Map.of(
                new MetricKey("DynamoDb", "votes", "PutItem"), counters(2_000, 2_000, 0)), counters(2_000, 2_000, 0));

        String table = CostEstimate.of(requests, Map.of(), 0, 0).render(2_000);

        assertThat(table).containsPattern("DynamoDB write request units +votes +2,000 WRU +0\\.001250 +0\\.6250")
                .containsPattern("total +0\\.001250 +0\\.6250");
    }

    @Test
    void between_keepsOnlyFunctionsInvokedInBetween() {
        InvocationMetrics metrics = new InvocationMetrics();
        metrics.record("A", 128, Duration.ofMillis(10));
        Map<String, InvocationMetrics.Usage> before = metrics.snapshot();
        metrics.record("B", 256, Duration.ofMillis(4));

        assertThat(InvocationMetrics.between(before, metrics.snapshot()))
                .containsOnlyKeys("B").containsEntry("B", new InvocationMetrics.Usage(1, 4, 1024));
    }
}
