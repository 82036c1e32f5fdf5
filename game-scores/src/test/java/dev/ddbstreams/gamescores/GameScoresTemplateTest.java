package dev.ddbstreams.gamescores;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.localcloud.template.FunctionDefinition;
import dev.ddbstreams.localcloud.template.StackSettings;
import dev.ddbstreams.localcloud.template.StreamTriggerDefinition;
import dev.ddbstreams.localcloud.template.Template;
import dev.ddbstreams.localcloud.template.TemplateReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        assertThat(kinesisFunction.environment()).containsEntry("RECORDS_TABLE", "GameScoreRecords");
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
    void kinesisTrigger_whenRead_reportsBatchItemFailuresFromTheOldestRecord() {
        StreamTriggerDefinition trigger = kinesisFunction.triggers().get(0);

        assertThat(kinesisFunction.triggers()).hasSize(1);
        assertThat(trigger.source()).isEqualTo(StreamTriggerDefinition.Source.KINESIS);
        assertThat(trigger.sourceName()).isEqualTo("GameScoreEvents");
        assertThat(trigger.startingPosition()).isEqualTo(StreamTriggerDefinition.StartingPosition.TRIM_HORIZON);
        assertThat(trigger.reportBatchItemFailures()).isTrue();
        assertThat(trigger.batchSize()).isEqualTo(100);
        assertThat(trigger.bisectBatchOnFunctionError()).isTrue();
        assertThat(trigger.maximumRetryAttempts()).isEqualTo(3);
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
    void policies_whenRead_nameEveryResource() throws IOException {
        String text = Files.readString(TEMPLATE);

        assertThat(resources(text, "KinesisScoreFunction", "ScoreSumFunction")).containsExactly(
                "              Resource: !GetAtt ScoreStream.Arn",
                "              Resource: !Sub \"${ScoreStream.Arn}/consumer/*\"",
                "              Resource: !GetAtt GameScoreRecordsTable.Arn",
                "              Resource: !GetAtt ScoreEventFailuresQueue.Arn");
        assertThat(resources(text, "ScoreSumFunction", "Outputs")).containsExactly(
                "              Resource: !Sub \"${GameScoreRecordsTable.Arn}/stream/*\"",
                "              Resource: !GetAtt GameScoresByUserTable.Arn",
                "              Resource: !GetAtt ScoreWindowsTable.Arn");
    }

    @Test
    void kinesisStream_whenRead_isOneEncryptedShard() throws IOException {
        String text = Files.readString(TEMPLATE);
        String stream = text.substring(text.indexOf("  ScoreStream:"), text.indexOf("  ScoreEventFailuresQueue:"));

        assertThat(stream).contains("Type: AWS::Kinesis::Stream", "ShardCount: 1", "EncryptionType: KMS");
    }

    private static java.util.List<String> resources(String text, String from, String to) {
        String block = text.substring(text.indexOf("  " + from + ":"), text.indexOf("\n" + (to.equals("Outputs") ? "" : "  ") + to + ":"));
        String policies = block.substring(block.indexOf("Policies:"), block.indexOf("Events:"));
        return policies.lines().filter(line -> line.contains("Resource:")).toList();
    }
}
