package dev.ddbstreams.localcloud.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.localcloud.template.StreamTriggerDefinition.Source;
import dev.ddbstreams.localcloud.template.TemplateNotice.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A plain CloudFormation template in JSON: AWS::Lambda::Function with EventSourceMapping resources. */
class EventSourceMappingTest {

    private final Template template = TestTemplates.read("event-source-mapping.json");

    @Test
    void read_whenMappingNamesFunctionByRefOrArn_attachesBothTriggersToIt() {
        List<StreamTriggerDefinition> triggers = template.function("ReplicationFunction").orElseThrow().triggers();

        assertThat(triggers).extracting(StreamTriggerDefinition::name)
                .containsExactly("ReplicationMapping", "ClickMapping");
    }

    @Test
    void read_whenMappingReadsTableStream_isADynamoDbTriggerOnThatTable() {
        StreamTriggerDefinition replication = template.function("ReplicationFunction").orElseThrow().triggers().get(0);

        assertThat(replication.source()).isEqualTo(Source.DYNAMODB);
        assertThat(replication.sourceLogicalId()).isEqualTo("LogfileTable");
        assertThat(replication.sourceName()).isEqualTo("local-stack-LogfileTable");
        assertThat(replication.maximumRetryAttempts()).isEqualTo(10_000);
        assertThat(replication.maximumRecordAge()).isEmpty();
        assertThat(replication.reportBatchItemFailures()).isTrue();
        assertThat(replication.onFailureDestination()).contains("arn:aws:sqs:eu-west-1:123456789012:external-dlq");
    }

    @Test
    void read_whenMappingReadsKinesisStream_isAKinesisTrigger() {
        StreamTriggerDefinition clicks = template.function("ReplicationFunction").orElseThrow().triggers().get(1);

        assertThat(clicks.source()).isEqualTo(Source.KINESIS);
        assertThat(clicks.sourceLogicalId()).isEqualTo("ClickStream");
        assertThat(clicks.sourceName()).isEqualTo("clicks");
        assertThat(clicks.batchSize()).isEqualTo(10_000);
        assertThat(clicks.enabled()).isFalse();
    }

    @Test
    void read_whenPlainLambdaFunction_readsHandlerRuntimeAndEnvironment() {
        FunctionDefinition function = template.function("ReplicationFunction").orElseThrow();

        assertThat(function.functionName()).isEqualTo("local-stack-ReplicationFunction");
        assertThat(function.handler()).isEqualTo("dev.ddbstreams.replication.ReplicationHandler::handleRequest");
        assertThat(function.environment()).containsEntry("SOURCE_TABLE", "local-stack-LogfileTable");
    }

    @Test
    void read_whenTableIsProvisionedWithIndex_keepsThroughputOfTableAndIndex() {
        var request = template.table("local-stack-LogfileTable").orElseThrow().createTableRequest();

        assertThat(request.provisionedThroughput().readCapacityUnits()).isEqualTo(5L);
        assertThat(request.globalSecondaryIndexes()).singleElement()
                .satisfies(index -> assertThat(index.provisionedThroughput().readCapacityUnits()).isEqualTo(1L));
    }

    @Test
    void read_whenMappingReadsAQueue_reportsItAsNotRunLocallyInsteadOfFailing() {
        assertThat(template.notices(Kind.NOT_RUN_LOCALLY)).extracting(TemplateNotice::toString)
                .containsExactlyInAnyOrder(
                "ReplicationRole: not run locally (AWS::IAM::Role)",
                "Orders: not run locally (AWS::SQS::Queue)",
                "OrdersMapping: not run locally (event source 'arn:aws:sqs:eu-west-1:123456789012:local-stack-Orders'"
                        + " is not a DynamoDB or Kinesis stream)");
    }

    @Test
    void read_whenFunctionHasRoleAndCode_reportsCodeAsNoLocalEffect_andReadsTheRolesPermissions() {
        assertThat(template.notices(Kind.NO_LOCAL_EFFECT)).extracting(TemplateNotice::toString).containsExactly(
                "ReplicationFunction.Properties.Code: accepted, no effect locally");
        assertThat(template.function("ReplicationFunction").orElseThrow().permissions().roleName())
                .isEqualTo("local-stack-ReplicationRole");
    }
}
