package dev.ddbstreams.gamescores;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.localcloud.template.FunctionDefinition;
import dev.ddbstreams.localcloud.template.StackSettings;
import dev.ddbstreams.localcloud.template.StreamTriggerDefinition;
import dev.ddbstreams.localcloud.template.Template;
import dev.ddbstreams.localcloud.template.TemplateDocument;
import dev.ddbstreams.localcloud.template.TemplateReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** The template settings the two handlers rely on (see their Javadoc). */
class GameScoresTemplateTest {

    private static final Path TEMPLATE = Path.of("template.yaml");

    private final Template template = new TemplateReader(StackSettings.of("game-scores-test", "us-east-1")).read(TEMPLATE);
    private final FunctionDefinition kinesisFunction = template.function("KinesisScoreFunction").orElseThrow();
    private final FunctionDefinition sumFunction = template.function("ScoreSumFunction").orElseThrow();

    @Test
    void functions_whenRead_runTheHandlersWithTheirTables() {
        assertThat(kinesisFunction.handlerClassName()).isEqualTo(KinesisScoreHandler.class.getName());
        assertThat(kinesisFunction.environment()).containsEntry("RECORDS_TABLE", "GameScoreRecords")
                .containsEntry("QUARANTINE_BUCKET", sumFunction.environment().get("QUARANTINE_BUCKET"));
        assertThat(sumFunction.handlerClassName()).isEqualTo(ScoreSumHandler.class.getName());
        assertThat(sumFunction.environment()).containsEntry("SCORES_TABLE", "GameScoresByUser")
                .containsEntry("WINDOWS_TABLE", "GameScoreWindowsApplied");
    }

    @Test
    void tables_whenRead_haveTheSeedsKeysAndAnOldAndNewImageStream() {
        var records = template.table("GameScoreRecords").orElseThrow().createTableRequest();
        var totals = template.table("GameScoresByUser").orElseThrow().createTableRequest();

        assertThat(records.keySchema()).singleElement().satisfies(key -> {
            assertThat(key.attributeName()).isEqualTo("RecordID");
            assertThat(key.keyType()).isEqualTo(KeyType.HASH);
        });
        assertThat(records.attributeDefinitions()).singleElement()
                .satisfies(a -> assertThat(a.attributeType()).isEqualTo(ScalarAttributeType.N));
        assertThat(records.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(totals.keySchema()).singleElement()
                .satisfies(key -> assertThat(key.attributeName()).isEqualTo(GameScoreAggregator.USERNAME));
        assertThat(template.table("GameScoreWindowsApplied").orElseThrow().timeToLiveAttribute()).contains("expires_at");
    }

    @Test
    void kinesisTrigger_whenRead_reportsBatchItemFailuresFromTheOldestRecord_andNeverGivesUpBeforeExpiry() {
        StreamTriggerDefinition trigger = kinesisFunction.triggers().get(0);

        assertThat(kinesisFunction.triggers()).hasSize(1);
        assertThat(trigger.source()).isEqualTo(StreamTriggerDefinition.Source.KINESIS);
        assertThat(trigger.sourceName()).isEqualTo("GameScoreEvents");
        assertThat(trigger.startingPosition()).isEqualTo(StreamTriggerDefinition.StartingPosition.TRIM_HORIZON);
        assertThat(trigger.reportBatchItemFailures()).isTrue();
        assertThat(trigger.batchSize()).isEqualTo(100);
        assertThat(trigger.bisectBatchOnFunctionError()).isTrue();
        assertThat(trigger.maximumRetryAttempts()).isEqualTo(-1);
        assertThat(trigger.onFailureDestination()).contains("ScoreEventFailuresQueue");
    }

    @Test
    void sumTrigger_whenRead_isVoteCountersSettings() {
        StreamTriggerDefinition trigger = sumFunction.triggers().get(0);

        assertThat(sumFunction.triggers()).hasSize(1);
        assertThat(trigger.sourceName()).isEqualTo("GameScoreRecords");
        assertThat(trigger.startingPosition()).isEqualTo(StreamTriggerDefinition.StartingPosition.TRIM_HORIZON);
        assertThat(trigger.batchSize()).isEqualTo(1000);
        assertThat(trigger.tumblingWindow()).contains(Duration.ofSeconds(1));
        assertThat(trigger.maximumRetryAttempts()).isEqualTo(-1);
        assertThat(trigger.maximumRecordAge()).isEmpty();
        assertThat(trigger.bisectBatchOnFunctionError()).isFalse();
        // Not ReportBatchItemFailures: a window's state is all or nothing.
        assertThat(trigger.reportBatchItemFailures()).isFalse();
    }

    @Test
    void kinesisStream_whenRead_isOneEncryptedShard() {
        Map<String, Object> stream = TemplateDocument.load(TEMPLATE).properties("ScoreStream");

        assertThat(stream).containsEntry("ShardCount", 1)
                .containsEntry("StreamEncryption", Map.of("EncryptionType", "KMS", "KeyId", "alias/aws/kinesis"));
    }
}
