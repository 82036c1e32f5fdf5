package dev.ddbstreams.localcloud.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.ddbstreams.localcloud.template.TemplateNotice.Kind;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

/** Parameters, Mappings, Conditions, Globals and the string functions, in parameters-and-conditions.yaml. */
class IntrinsicFunctionsTest {

    private static final String FILE = "parameters-and-conditions.yaml";

    private final Template dev = TestTemplates.read(FILE);
    private final Template prod = new TemplateReader(TestTemplates.SETTINGS.withParameter("Stage", "prod"))
            .read(TestTemplates.path(FILE));

    @Test
    void read_whenNoValuesGiven_usesParameterDefaults() {
        assertThat(dev.parameters()).containsOnly(entry("Stage", "dev"), entry("TablePrefix", "game"),
                entry("Regions", "NORTH,SOUTH,EAST,WEST"));
        assertThat(dev.table("game-dev-scores")).isPresent();
    }

    @Test
    void read_whenValueGiven_overridesTheDefault() {
        assertThat(prod.parameters()).containsEntry("Stage", "prod");
        assertThat(prod.table("game-prod-scores")).isPresent();
    }

    @Test
    void read_whenIfConditionIsFalse_removesPropertyWithNoValue() {
        CreateTableRequest scores = dev.table("game-dev-scores").orElseThrow().createTableRequest();

        assertThat(scores.billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(scores.provisionedThroughput()).isNull();
        assertThat(scores.globalSecondaryIndexes().get(0).provisionedThroughput()).isNull();
    }

    @Test
    void read_whenIfConditionIsTrue_choosesTheFirstBranch() {
        CreateTableRequest scores = prod.table("game-prod-scores").orElseThrow().createTableRequest();

        assertThat(scores.billingMode()).isEqualTo(BillingMode.PROVISIONED);
        assertThat(scores.provisionedThroughput().readCapacityUnits()).isEqualTo(5L);
        assertThat(scores.globalSecondaryIndexes().get(0).provisionedThroughput().writeCapacityUnits()).isEqualTo(2L);
        assertThat(prod.function("ScoreHandler").orElseThrow().timeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void read_whenGlobalSecondaryIndexProjectsSomeAttributes_keepsTheProjection() {
        var index = dev.table("game-dev-scores").orElseThrow().createTableRequest().globalSecondaryIndexes().get(0);

        assertThat(index.indexName()).isEqualTo("ByUser");
        assertThat(index.keySchema()).extracting(k -> k.attributeName()).containsExactly("Username", "Score");
        assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.INCLUDE);
        assertThat(index.projection().nonKeyAttributes()).containsExactly("Nickname");
    }

    @Test
    void read_whenStringFunctionsAreUsed_resolvesEachOne() {
        Map<String, String> environment = dev.function("ScoreHandler").orElseThrow().environment();

        assertThat(environment).containsOnly(
                entry("STAGE", "dev"),
                entry("SCORES_TABLE", "game-dev-scores"),
                entry("BY_USER_TABLE", "local-stack-ByUserTable"),
                entry("SCORES_TABLE_ARN", "arn:aws:dynamodb:eu-west-1:123456789012:table/game-dev-scores"),
                entry("FIRST_REGION", "NORTH"),
                entry("SECOND_PART", "b"),
                entry("LOG_LEVEL", "DEBUG"),
                entry("GREETING", "aGVsbG8="),
                entry("FIRST_AZ", "eu-west-1a"),
                entry("LOCATION", "aws:eu-west-1:123456789012:local-stack/dev ${NotReplaced}.amazonaws.com"),
                entry("ANY_STAGE", "yes-any"));
        assertThat(prod.function("ScoreHandler").orElseThrow().environment()).containsEntry("PROD_ONLY", "on");
    }

    @Test
    void read_whenAccountIdIsGiven_usesItInsteadOfThePlaceholder() {
        Template template = new TemplateReader(TestTemplates.SETTINGS.withAccountId("000000000000"))
                .read(TestTemplates.path(FILE));

        assertThat(template.function("ScoreHandler").orElseThrow().environment())
                .containsEntry("SCORES_TABLE_ARN", "arn:aws:dynamodb:eu-west-1:000000000000:table/game-dev-scores");
    }

    @Test
    void read_whenFunctionNameIsJoined_namesTheFunction() {
        assertThat(dev.function("ScoreHandler").orElseThrow().functionName()).isEqualTo("game-dev-score-handler");
        assertThat(dev.function("ScoreHandler").orElseThrow().runtime()).isEqualTo("java17");
    }

    @Test
    void read_whenFunctionSetsPropertyToIfWithNoValue_doesNotFallBackToGlobals() {
        // SAM merges Globals before CloudFormation resolves intrinsics: the function's own
        // Timeout (an Fn::If) replaces the global 20 s, and in dev it resolves to AWS::NoValue,
        // so Lambda's default of 3 s applies, as it would on AWS.
        assertThat(dev.function("ScoreHandler").orElseThrow().timeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void read_whenTriggerSettingsUseMappingsAndConditions_resolvesThem() {
        StreamTriggerDefinition devTrigger = dev.function("ScoreHandler").orElseThrow().triggers().get(0);
        StreamTriggerDefinition prodTrigger = prod.function("ScoreHandler").orElseThrow().triggers().get(0);

        assertThat(devTrigger.batchSize()).isEqualTo(10);
        assertThat(devTrigger.enabled()).isFalse();
        assertThat(devTrigger.tumblingWindow()).contains(Duration.ofSeconds(60));
        assertThat(devTrigger.parallelizationFactor()).isEqualTo(2);
        assertThat(devTrigger.startingPosition()).isEqualTo(StreamTriggerDefinition.StartingPosition.LATEST);
        assertThat(prodTrigger.batchSize()).isEqualTo(500);
        assertThat(prodTrigger.enabled()).isTrue();
    }

    @Test
    void read_whenSimpleTableHasPrimaryKey_createsOnDemandTableWithThatKey() {
        CreateTableRequest byUser = dev.table("local-stack-ByUserTable").orElseThrow().createTableRequest();

        assertThat(byUser.keySchema()).singleElement()
                .satisfies(key -> assertThat(key.attributeName()).isEqualTo("Username"));
        assertThat(byUser.attributeDefinitions()).singleElement()
                .satisfies(a -> assertThat(a.attributeTypeAsString()).isEqualTo("S"));
        assertThat(byUser.billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    }

    @Test
    void read_whenResourceConditionIsFalse_reportsTheResourceAsNotCreated() {
        assertThat(dev.notices(Kind.NOT_RUN_LOCALLY)).extracting(TemplateNotice::toString).contains(
                "ProdOnlyAlarm: not run locally (not created: condition IsProdGame is false)",
                "Globals.Api: not run locally (only Globals.Function and Globals.SimpleTable apply to what runs locally)");
        assertThat(prod.notices(Kind.NOT_RUN_LOCALLY)).extracting(TemplateNotice::toString)
                .contains("ProdOnlyAlarm: not run locally (AWS::CloudWatch::Alarm)");
    }

    @Test
    void read_whenTagsAreSet_reportsThemWithoutResolvingThem() {
        assertThat(dev.notices(Kind.NO_LOCAL_EFFECT)).extracting(TemplateNotice::toString)
                .containsExactly("ScoresTable.Properties.Tags: accepted, no effect locally");
    }
}
