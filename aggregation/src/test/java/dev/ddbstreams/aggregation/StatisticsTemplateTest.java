package dev.ddbstreams.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.localcloud.template.FunctionDefinition;
import dev.ddbstreams.localcloud.template.StackSettings;
import dev.ddbstreams.localcloud.template.StreamTriggerDefinition;
import dev.ddbstreams.localcloud.template.Template;
import dev.ddbstreams.localcloud.template.TemplateReader;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** The template settings StatisticsHandler relies on (see its Javadoc). */
class StatisticsTemplateTest {

    private static final Path TEMPLATE = Path.of("template.yaml");

    private final Template template = new TemplateReader(StackSettings.of("stats-test", "us-east-1")).read(TEMPLATE);
    private final FunctionDefinition function = template.function("StatisticsFunction").orElseThrow();

    @Test
    void function_whenRead_runsStatisticsHandlerWithItsConfiguration() {
        assertThat(function.handlerClassName()).isEqualTo(StatisticsHandler.class.getName());
        assertThat(function.environment()).containsEntry("GROUP_BY", "sensor")
                .containsEntry("VALUE_ATTRIBUTE", "reading")
                .containsEntry("STATS_TABLE", "measurement_stats")
                .containsEntry("WINDOWS_TABLE", "measurement_windows_applied");
    }

    @Test
    void statsTable_whenRead_isKeyedByTheGroupAttribute() {
        assertThat(template.table("measurement_stats").orElseThrow().createTableRequest().keySchema())
                .singleElement()
                .satisfies(key -> {
                    assertThat(key.attributeName()).isEqualTo(function.environment().get("GROUP_BY"));
                    assertThat(key.keyType()).isEqualTo(KeyType.HASH);
                });
    }

    @Test
    void windowsTable_whenRead_expiresMarkersByTtl() {
        assertThat(template.table("measurement_windows_applied").orElseThrow().timeToLiveAttribute())
                .contains("expires_at");
    }

    @Test
    void sourceStream_whenRead_hasOldAndNewImages() {
        assertThat(template.table("measurements").orElseThrow().createTableRequest().streamSpecification()
                .streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
    }

    @Test
    void trigger_whenRead_commitsPerTumblingWindowAndNeverGivesUp() {
        StreamTriggerDefinition trigger = function.triggers().get(0);

        assertThat(function.triggers()).hasSize(1);
        assertThat(trigger.sourceName()).isEqualTo("measurements");
        assertThat(trigger.tumblingWindow()).contains(Duration.ofSeconds(1));
        assertThat(trigger.maximumRetryAttempts()).isEqualTo(-1);
        assertThat(trigger.maximumRecordAge()).isEmpty();
        assertThat(trigger.bisectBatchOnFunctionError()).isFalse();
        // Not ReportBatchItemFailures: a window's state is all or nothing, the handler never reports part of a batch.
        assertThat(trigger.reportBatchItemFailures()).isFalse();
    }
}
