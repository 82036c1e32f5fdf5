package dev.ddbstreams.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.lambda.FunctionEnvironment;
import dev.ddbstreams.lambda.SnapStartPriming;
import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.metrics.MetricKey;
import dev.ddbstreams.localcloud.metrics.MetricsSnapshot;
import dev.ddbstreams.localcloud.metrics.RequestMetrics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SnapStart priming as Lambda runs it before a snapshot (beforeCheckpoint called directly): the
 * handler built by its no-argument constructor registers it, it reads the target table's
 * description, and it writes nothing.
 */
class SnapStartPrimingIT {

    @Test
    void beforeCheckpoint_ofReplicaHandler_describesTheReplicaAndWritesNothing(@TempDir Path work) throws Exception {
        try (LocalCloud cloud = LocalCloud.builder().workFolder(work).start()) {
            cloud.deploy(Path.of("template.yaml"), "priming-it", Map.of(), function -> false, UnaryOperator.identity());
            ReplicaHandler handler = FunctionEnvironment.callWith(Map.of("AWS_REGION", cloud.dynamoDb().region().id(),
                    "TARGET_TABLE", "logfile_replica", "QUARANTINE_BUCKET", "priming-it-quarantine"), ReplicaHandler::new);
            List<SnapStartPriming> registered = SnapStartPriming.registered();
            SnapStartPriming priming = registered.get(registered.size() - 1);
            MetricsSnapshot before = RequestMetrics.global().snapshot();

            priming.beforeCheckpoint(null);

            MetricsSnapshot spent = RequestMetrics.global().snapshot().minus(before);
            assertThat(priming.calls()).containsExactly("DescribeTable logfile_replica");
            assertThat(spent.rows().keySet())
                    .containsExactly(new MetricKey("DynamoDb", "logfile_replica", "DescribeTable"));
            assertThat(spent.total().failures()).isZero();
            assertThat(spent.total().writeUnits()).isZero();
            assertThat(cloud.dynamoDb().dynamoDbClient().scan(b -> b.tableName("logfile_replica")).count()).isZero();
            assertThat(handler).isNotNull();
        }
    }

    @Test
    void beforeCheckpoint_whenDescribeTableFails_logsAndLetsTheSnapshotGoOn(@TempDir Path work) {
        try (LocalCloud cloud = LocalCloud.builder().workFolder(work).start()) {
            SnapStartPriming priming = SnapStartPriming.register(cloud.dynamoDb().dynamoDbClient(), "no_such_table");
            MetricsSnapshot before = RequestMetrics.global().snapshot();

            priming.beforeCheckpoint(null);

            MetricsSnapshot spent = RequestMetrics.global().snapshot().minus(before);
            assertThat(spent.row("DynamoDb", "no_such_table", "DescribeTable").failuresByCode())
                    .containsEntry("ResourceNotFoundException", 1L);
        }
    }
}
