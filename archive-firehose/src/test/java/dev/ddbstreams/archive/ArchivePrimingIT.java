package dev.ddbstreams.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.lambda.FunctionEnvironment;
import dev.ddbstreams.lambda.SnapStartPriming;
import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.firehose.FirehoseStats;
import dev.ddbstreams.localcloud.metrics.MetricKey;
import dev.ddbstreams.localcloud.metrics.MetricsSnapshot;
import dev.ddbstreams.localcloud.metrics.RequestMetrics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SnapStart priming as Lambda runs it before a snapshot (beforeCheckpoint called directly) for
 * both archive handlers, built by their no-argument constructors: their own SDK client reaches
 * the local Firehose over its real protocol, describes the delivery stream once and sends nothing.
 */
class ArchivePrimingIT {

    @Test
    void beforeCheckpoint_ofEachArchiveHandler_describesTheDeliveryStreamOnce_andSendsNoRecord(@TempDir Path work)
            throws Exception {
        try (LocalCloud cloud = LocalCloud.builder().workFolder(work).start()) {
            cloud.deploy(Path.of("template.yaml"), "priming-it", Map.of(), function -> false, UnaryOperator.identity());
            Map<String, String> environment = Map.of("AWS_REGION", cloud.dynamoDb().region().id(),
                    "DELIVERY_STREAM_NAME", ArchiveFirehose.STREAM,
                    "QUARANTINE_BUCKET", "priming-it-quarantine");

            for (Callable<?> constructor : List.<Callable<?>>of(ArchiveHandler::new, NaiveArchiveHandler::new)) {
                Object handler = FunctionEnvironment.callWith(environment, constructor);
                List<SnapStartPriming> registered = SnapStartPriming.registered();
                SnapStartPriming priming = registered.get(registered.size() - 1);
                MetricsSnapshot before = RequestMetrics.global().snapshot();

                priming.beforeCheckpoint(null);

                MetricsSnapshot spent = RequestMetrics.global().snapshot().minus(before);
                assertThat(priming.calls()).as("%s", handler).containsExactly("DescribeDeliveryStream invoice-archive");
                assertThat(spent.rows().keySet()).as("%s", handler)
                        .containsExactly(new MetricKey("Firehose", ArchiveFirehose.STREAM, "DescribeDeliveryStream"));
                assertThat(spent.total().calls()).as("%s", handler).isEqualTo(1);
                assertThat(spent.total().failures()).as("%s", handler).isZero();
            }
            FirehoseStats stats = cloud.firehose().orElseThrow().client().stats();
            assertThat(stats.calls()).isZero();
            assertThat(stats.recordsReceived()).isZero();
        }
    }
}
