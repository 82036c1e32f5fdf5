package dev.ddbstreams.cli.coldstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbstreams.archive.workload.ArchiveObjects;
import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.dynamodb.LocalDynamoDb;
import dev.ddbstreams.localcloud.firehose.FirehoseFaults;
import dev.ddbstreams.localcloud.firehose.LocalFirehose;
import dev.ddbstreams.localcloud.template.FunctionDefinition;
import dev.ddbstreams.localcloud.template.StackSettings;
import dev.ddbstreams.localcloud.template.TableDeployer;
import dev.ddbstreams.localcloud.template.Template;
import dev.ddbstreams.localcloud.template.TemplateReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One cold start as the bench runs it: the replication module's real Lambda jar in a fresh JVM,
 * with only that jar, the runtime's serialisers and the launcher on its class path, handling a
 * sample batch against DynamoDB Local.
 */
class ColdStartIT {

    private static final Path JAR = Path.of("..", "replication", "target", "replication-lambda.jar");

    @Test
    void run_replicaHandlerFromItsJar_handlesTheBatchInAFreshJvm(@TempDir Path work) throws Exception {
        try (LocalDynamoDb local = LocalDynamoDb.start()) {
            Template template = new TemplateReader(StackSettings.of("it", local.region().id()))
                    .read(Path.of("..", "replication", "template.yaml"));
            new TableDeployer(local.dynamoDbClient()).deploy(template);
            FunctionDefinition function = template.function("ReplicaFunction").orElseThrow();
            Path event = work.resolve("event.json");
            Files.writeString(event, SampleEvents.in(Path.of("..", "replication", "events")).forFunction(function)
                    .orElseThrow());

            ColdStart.Timing timing = new ColdStart(work, local.endpoint(), local.region().id())
                    .run(JAR, function.handlerClassName(), function.environment(), event, true);

            assertThat(timing.toFirstBatchMs()).isGreaterThanOrEqualTo(timing.invokeMs()).isPositive();
            assertThat(local.dynamoDbClient().getItem(b -> b.tableName("logfile_replica").consistentRead(true)
                    .key(Map.of("PK", AttributeValue.fromS("request#104009")))).hasItem()).isTrue();
        }
    }

    /** The child reaches the local Firehose through aws.endpointUrlFirehose, not DynamoDB Local's AWS_ENDPOINT_URL. */
    @Test
    void run_archiveHandlerFromItsJar_sendsTheBatchToTheLocalFirehose(@TempDir Path work) throws Exception {
        Path archive = Path.of("..", "archive-firehose");
        try (LocalDynamoDb local = LocalDynamoDb.start();
                LocalFirehose firehose = LocalFirehose.start(local.region().id(), FirehoseFaults.NONE,
                        Clock.systemUTC(), LocalCloud.FIREHOSE_DELIVERY_CHECK)) {
            Template template = new TemplateReader(StackSettings.of("it", local.region().id()))
                    .read(archive.resolve("template.yaml"));
            Path bucket = work.resolve("bucket");
            firehose.addDeliveryStream(template.deliveryStreams().get(0).config(bucket));
            FunctionDefinition function = template.function("ArchiveFunction").orElseThrow();
            Path event = Files.writeString(work.resolve("event.json"),
                    SampleEvents.in(archive.resolve("events")).forFunction(function).orElseThrow());

            new ColdStart(work, local.endpoint(), Optional.of(firehose.endpoint()), local.region().id())
                    .run(archive.resolve("target").resolve("archive-firehose-lambda.jar"), function.handlerClassName(),
                            function.environment(), event, true);
            firehose.client().flush();

            assertThat(ArchiveObjects.read(bucket).eventIds())
                    .containsExactlyInAnyOrder("e-insert", "e-modify", "e-remove", "e-ttl");
            assertThat(firehose.client().stats().putRecordBatchCalls()).isEqualTo(1);
        }
    }

    @Test
    void run_handlerFails_reportsTheChildsOutput(@TempDir Path work) throws Exception {
        Path event = Files.writeString(work.resolve("event.json"), "{\"Records\":[]}");
        try (LocalDynamoDb local = LocalDynamoDb.start()) {
            ColdStart coldStart = new ColdStart(work, local.endpoint(), local.region().id());

            // No TARGET_TABLE: the handler's constructor fails fast, naming the variable.
            assertThatThrownBy(() -> coldStart.run(JAR, "dev.ddbstreams.replication.ReplicaHandler", Map.of(), event,
                    false)).isInstanceOf(IllegalStateException.class).hasMessageContaining("TARGET_TABLE");
        }
    }

    @Test
    void parse_launcherLine_measuresFromTheJvmStart() {
        ColdStart.Timing timing = ColdStart.parse("handled-at=10500 construct-ms=300 prime-ms=0 invoke-ms=700", 9_000);

        assertThat(timing).isEqualTo(new ColdStart.Timing(1_500, 300, 0, 700));
    }
}
