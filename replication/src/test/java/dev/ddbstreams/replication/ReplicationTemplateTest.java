package dev.ddbstreams.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.localcloud.template.FunctionDefinition;
import dev.ddbstreams.localcloud.template.StackSettings;
import dev.ddbstreams.localcloud.template.StreamTriggerDefinition;
import dev.ddbstreams.localcloud.template.Template;
import dev.ddbstreams.localcloud.template.TemplateReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** The template settings ReplicaHandler relies on (see its Javadoc and the README's settings table). */
class ReplicationTemplateTest {

    private static final Path TEMPLATE = Path.of("template.yaml");

    private final Template template = new TemplateReader(StackSettings.of("repl-test", "us-east-1")).read(TEMPLATE);
    private final FunctionDefinition function = template.function("ReplicaFunction").orElseThrow();

    @Test
    void function_whenRead_runsReplicaHandlerIntoTheReplica() {
        assertThat(function.handlerClassName()).isEqualTo(ReplicaHandler.class.getName());
        assertThat(function.environment()).containsEntry("TARGET_TABLE", "logfile_replica")
                .containsEntry("SKIP_TTL_DELETES", "false")
                .doesNotContainKey("TARGET_REGION");
    }

    @Test
    void trigger_whenRead_reportsPartialFailures_bisects_andGivesUpToTheQueueAfter10Retries() {
        StreamTriggerDefinition trigger = function.triggers().get(0);

        assertThat(function.triggers()).hasSize(1);
        assertThat(trigger.sourceName()).isEqualTo("logfile");
        assertThat(trigger.reportBatchItemFailures()).isTrue();
        assertThat(trigger.bisectBatchOnFunctionError()).isTrue();
        assertThat(trigger.batchSize()).isEqualTo(500);
        assertThat(trigger.maximumRetryAttempts()).isEqualTo(10);
        assertThat(trigger.maximumRecordAge()).isEmpty();
        assertThat(trigger.onFailureDestination()).contains("ReplicaFailureQueue");
    }

    @Test
    void tables_whenRead_haveTheSeedsIndex_andTheSourceStreamsNewImages() {
        assertThat(template.table("logfile").orElseThrow().createTableRequest().streamSpecification().streamViewType())
                .isEqualTo(StreamViewType.NEW_IMAGE);
        for (String table : List.of("logfile", "logfile_replica", "logfile_replica_naive")) {
            GlobalSecondaryIndex index = template.table(table).orElseThrow().createTableRequest()
                    .globalSecondaryIndexes().get(0);
            assertThat(index.indexName()).isEqualTo("GSI_1");
            assertThat(index.keySchema().get(0).attributeName()).isEqualTo("GSI_1_PK");
            assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.INCLUDE);
            assertThat(index.projection().nonKeyAttributes()).containsExactly("bytessent", "requestid", "host");
        }
    }
}
