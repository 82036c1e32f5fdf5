package dev.ddbstreams.localcloud.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.ddbstreams.localcloud.template.StreamTriggerDefinition.Source;
import dev.ddbstreams.localcloud.template.StreamTriggerDefinition.StartingPosition;
import dev.ddbstreams.localcloud.template.TemplateNotice.Kind;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** The votes aggregation template: two tables, one function with a fully configured DynamoDB trigger. */
class TemplateReaderTest {

    private final Template template = TestTemplates.read("votes-aggregation.yaml");

    @Test
    void read_whenTableHasStream_buildsCreateTableRequestWithStreamSpecification() {
        CreateTableRequest votes = template.table("votes").orElseThrow().createTableRequest();

        assertThat(votes.keySchema()).containsExactly(key("id", KeyType.HASH));
        assertThat(votes.billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(votes.streamSpecification().streamEnabled()).isTrue();
        assertThat(votes.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(template.table("votes").orElseThrow().timeToLiveAttribute()).isEmpty();
    }

    @Test
    void read_whenTableHasSortKeyAndTtl_keepsBothKeysAndTheTtlAttribute() {
        TableDefinition totals = template.table("total_votes").orElseThrow();

        assertThat(totals.logicalId()).isEqualTo("TotalVotesTable");
        assertThat(totals.createTableRequest().keySchema())
                .containsExactly(key("region", KeyType.HASH), key("improvement", KeyType.RANGE));
        assertThat(totals.createTableRequest().streamSpecification()).isNull();
        assertThat(totals.timeToLiveAttribute()).contains("expiresAt");
    }

    @Test
    void read_whenGlobalsSetFunctionSettings_mergesThemWithTheFunctionWinning() {
        FunctionDefinition counter = template.function("VoteCounter").orElseThrow();

        assertThat(counter.functionName()).isEqualTo("local-stack-VoteCounter");
        assertThat(counter.handlerClassName()).isEqualTo("dev.ddbstreams.aggregation.VoteCountHandler");
        assertThat(counter.runtime()).isEqualTo("java21");
        assertThat(counter.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(counter.memoryMb()).isEqualTo(512);
        assertThat(counter.environment()).containsOnly(
                entry("TOTALS_TABLE", "total_votes"),
                entry("LOG_LEVEL", "DEBUG"),
                entry("VOTES_STREAM", "arn:aws:dynamodb:eu-west-1:123456789012:table/votes/stream/"
                        + StreamArnPlaceholder.LABEL));
    }

    @Test
    void read_whenDynamoDbEventIsFullyConfigured_keepsEverySetting() {
        StreamTriggerDefinition votes = template.function("VoteCounter").orElseThrow().triggers().get(0);

        assertThat(votes.name()).isEqualTo("Votes");
        assertThat(votes.source()).isEqualTo(Source.DYNAMODB);
        assertThat(votes.sourceLogicalId()).isEqualTo("VotesTable");
        assertThat(votes.sourceName()).isEqualTo("votes");
        assertThat(votes.startingPosition()).isEqualTo(StartingPosition.TRIM_HORIZON);
        assertThat(votes.batchSize()).isEqualTo(50);
        assertThat(votes.maximumBatchingWindow()).isEqualTo(Duration.ofSeconds(1));
        assertThat(votes.filterPatterns()).containsExactly(
                "{\"eventName\": [\"INSERT\", \"MODIFY\", \"REMOVE\"]}",
                "{\"dynamodb\": {\"NewImage\": {\"region\": {\"S\": [\"SOUTH\"]}}}}");
        assertThat(votes.reportBatchItemFailures()).isTrue();
        assertThat(votes.bisectBatchOnFunctionError()).isTrue();
        assertThat(votes.maximumRetryAttempts()).isEqualTo(3);
        assertThat(votes.maximumRecordAge()).contains(Duration.ofHours(1));
        assertThat(votes.parallelizationFactor()).isEqualTo(1);
        assertThat(votes.tumblingWindow()).isEmpty();
        assertThat(votes.onFailureDestination()).contains("VoteFailures");
        assertThat(votes.enabled()).isTrue();
    }

    @Test
    void read_whenFunctionHasNonStreamEvent_reportsItAsNotRunLocally() {
        assertThat(template.function("VoteCounter").orElseThrow().triggers()).hasSize(1);
        assertThat(template.notices(Kind.NOT_RUN_LOCALLY)).extracting(TemplateNotice::toString).contains(
                "VoteCounter.Properties.Events.Health: not run locally"
                        + " (event type Api; only DynamoDB and Kinesis stream events are)",
                "VoteCounterLogGroup: not run locally (AWS::Logs::LogGroup)");
    }

    @Test
    void read_whenPropertiesHaveNoLocalEffect_reportsEachByPath() {
        assertThat(template.notices(Kind.NO_LOCAL_EFFECT)).extracting(TemplateNotice::toString).containsExactlyInAnyOrder(
                "VotesTable.Properties.SSESpecification: accepted, no effect locally",
                "VotesTable.Properties.PointInTimeRecoverySpecification: accepted, no effect locally",
                "VoteCounter.Properties.Architectures: accepted, no effect locally",
                "VoteCounter.Properties.CodeUri: accepted, no effect locally",
                "VoteCounter.Properties.SnapStart: accepted, no effect locally",
                "VoteCounter.Properties.AutoPublishAlias: accepted, no effect locally",
                "VoteFailures: an on-failure destination: the local cloud delivers to its local stand-in; "
                        + "its properties have no effect locally");
        assertThat(template.notices(Kind.NOT_SUPPORTED)).isEmpty();
    }

    @Test
    void read_whenTemplateHasNoParametersOrDeliveryStreams_givesEmptyLists() {
        assertThat(template.parameters()).isEmpty();
        assertThat(template.deliveryStreams()).isEmpty();
        assertThat(template.file()).isEqualTo(TestTemplates.path("votes-aggregation.yaml"));
    }

    @Test
    void defaults_whenTriggerPropertiesAreAbsent_matchLambdasDefaults() {
        StreamTriggerDefinition trigger = new TemplateReader(TestTemplates.SETTINGS)
                .read(TestTemplates.path("minimal-trigger.yaml"))
                .function("Handler").orElseThrow().triggers().get(0);

        assertThat(trigger).isEqualTo(StreamTriggerDefinition.defaults("Changes", "Table", "local-stack-Table"));
    }

    @Test
    void read_whenFunctionSetsNoTimeoutOrMemory_usesLambdasDefaults() {
        FunctionDefinition handler = TestTemplates.read("minimal-trigger.yaml").function("Handler").orElseThrow();

        assertThat(handler.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(handler.memoryMb()).isEqualTo(128);
        assertThat(handler.environment()).isEmpty();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
