package dev.ddbstreams.localcloud.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricsTableTest {

    private final RequestMetrics metrics = new RequestMetrics();

    @Test
    void render_whenRowsRecordedOutOfOrder_sortsThemAlignsColumnsAndAddsTotal() {
        metrics.record(call("DynamoDb", "total_votes", "TransactWriteItems", new ResourceUsage(
                "total_votes", 4, 0, true, true, 0, 8.0)));
        metrics.record(call("DynamoDb", "votes", "Query", new ResourceUsage("votes", 12, 0, true, true, 0.5, 0)));
        metrics.record(call("DynamoDb", "", "ListTables", ResourceUsage.of("")));
        metrics.record(call("DynamoDbStreams", "votes", "GetRecords", new ResourceUsage("votes", 3, 0, false, false, 0, 0)));

        assertThat(MetricsTable.render(metrics.snapshot())).isEqualTo(lines(
                "service          resource     operation           calls  failed  retries  items  WCU  RCU",
                "DynamoDb                      ListTables              1       0        0      0    -    -",
                "DynamoDb         total_votes  TransactWriteItems      1       0        0      4  8.0    -",
                "DynamoDb         votes        Query                   1       0        0     12    -  0.5",
                "DynamoDbStreams  votes        GetRecords              1       0        0      3    -    -",
                "total                                                 4       0        0     19  8.0  0.5"));
    }

    @Test
    void render_whenCapacityAskedButNotReported_saysNotAvailable() {
        metrics.record(call("DynamoDb", "votes", "ExecuteStatement", new ResourceUsage("votes", 0, 0, true, false, 0, 0)));

        assertThat(MetricsTable.render(metrics.snapshot()))
                .contains("DynamoDb  votes     ExecuteStatement      1       0        0      0  n/a  n/a");
    }

    @Test
    void render_whenCallsFailedAndRetried_addsErrorsColumn() {
        metrics.record(new RecordedCall("DynamoDb", "PutItem", 3, Optional.of("ThrottlingException"),
                List.of(new ResourceUsage("votes", 0, 0, true, false, 0, 0))));
        metrics.record(new RecordedCall("DynamoDb", "PutItem", 1, Optional.of("ResourceNotFoundException"),
                List.of(new ResourceUsage("votes", 0, 0, true, false, 0, 0))));

        assertThat(MetricsTable.render(metrics.snapshot())).isEqualTo(lines(
                "service   resource  operation  calls  failed  retries  items  WCU  RCU  errors",
                "DynamoDb  votes     PutItem        2       2        2      0  n/a  n/a  ResourceNotFoundException=1 ThrottlingException=1",
                "total                              2       2        2      0  n/a  n/a  ResourceNotFoundException=1 ThrottlingException=1"));
    }

    @Test
    void render_whenSetupProbesAndDynamoDbLocalQuirksFailed_labelsThemExpected() {
        metrics.record(new RecordedCall("DynamoDb", "DescribeTable", 1, Optional.of("ResourceNotFoundException"),
                List.of(ResourceUsage.of("votes"))));
        metrics.record(new RecordedCall("DynamoDbStreams", "GetRecords", 1, Optional.of("TrimmedDataAccessException"),
                List.of(ResourceUsage.of("votes"))));

        assertThat(MetricsTable.render(metrics.snapshot()).lines()).containsSubsequence(
                "DynamoDb         votes     DescribeTable      1       1        0      0    -    -  "
                        + "ResourceNotFoundException=1 (expected: setup probes, table not created yet)",
                "DynamoDbStreams  votes     GetRecords         1       1        0      0    -    -  "
                        + "TrimmedDataAccessException=1 (expected: DynamoDB Local, empty shard re-read)",
                "total                                         2       2        0      0    -    -  "
                        + "ResourceNotFoundException=1 (expected: setup probes, table not created yet) "
                        + "TrimmedDataAccessException=1 (expected: DynamoDB Local, empty shard re-read)");
    }

    @Test
    void render_whenAnExpectedCodeAlsoFailedElsewhere_leavesTheTotalUnlabelled() {
        metrics.record(new RecordedCall("DynamoDb", "DescribeTable", 1, Optional.of("ResourceNotFoundException"),
                List.of(ResourceUsage.of("votes"))));
        metrics.record(new RecordedCall("DynamoDb", "PutItem", 1, Optional.of("ResourceNotFoundException"),
                List.of(ResourceUsage.of("votes"))));

        assertThat(MetricsTable.render(metrics.snapshot()).lines()).containsSubsequence(
                "DynamoDb  votes     DescribeTable      1       1        0      0    -    -  "
                        + "ResourceNotFoundException=1 (expected: setup probes, table not created yet)",
                "DynamoDb  votes     PutItem            1       1        0      0    -    -  ResourceNotFoundException=1",
                "total                                  2       2        0      0    -    -  ResourceNotFoundException=2");
    }

    @Test
    void render_whenRecordsCarriedBytes_addsBytesColumn() {
        metrics.record(call("Firehose", "archive", "PutRecordBatch", new ResourceUsage("archive", 500, 0, false, false, 0, 0)));
        metrics.record(call("Firehose", "archive", "PutRecordBatch", new ResourceUsage("archive", 2, 2_048, false, false, 0, 0)));

        assertThat(MetricsTable.render(metrics.snapshot())).isEqualTo(lines(
                "service   resource  operation       calls  failed  retries  items  bytes  WCU  RCU",
                "Firehose  archive   PutRecordBatch      2       0        0    502   2048    -    -",
                "total                                   2       0        0    502   2048    -    -"));
    }

    @Test
    void toString_whenSnapshotEmpty_rendersHeaderAndZeroTotal() {
        assertThat(MetricsSnapshot.EMPTY.toString()).isEqualTo(lines(
                "service  resource  operation  calls  failed  retries  items  WCU  RCU",
                "total                             0       0        0      0    -    -"));
    }

    private static RecordedCall call(String service, String resource, String operation, ResourceUsage usage) {
        return new RecordedCall(service, operation, 1, Optional.empty(), List.of(usage));
    }

    private static String lines(String... lines) {
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }
}
