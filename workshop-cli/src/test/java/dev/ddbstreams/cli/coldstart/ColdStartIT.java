package dev.ddbstreams.cli.coldstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbstreams.localcloud.dynamodb.LocalDynamoDb;
import dev.ddbstreams.localcloud.template.FunctionDefinition;
import dev.ddbstreams.localcloud.template.StackSettings;
import dev.ddbstreams.localcloud.template.TableDeployer;
import dev.ddbstreams.localcloud.template.Template;
import dev.ddbstreams.localcloud.template.TemplateReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
