package dev.ddbstreams.localcloud.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbstreams.localcloud.dynamodb.DynamoDbLocalExtension;
import dev.ddbstreams.localcloud.template.TableDeployment.Outcome;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** Templates' tables created in DynamoDB Local. Tables live as long as the class: each test uses its own stack name. */
@ExtendWith(DynamoDbLocalExtension.class)
class TableDeployerIT {

    @Test
    void deploy_whenTablesAreNew_createsThemWithStreamAndTtl(DynamoDbClient dynamoDb) {
        Template template = readVotes("create");

        List<TableDeployment> deployments = new TableDeployer(dynamoDb).deploy(template);

        assertThat(deployments).containsExactly(
                new TableDeployment("VotesTable", "create-votes", Outcome.CREATED, Optional.empty()),
                new TableDeployment("TotalVotesTable", "create-total_votes", Outcome.CREATED,
                        Optional.of("expiresAt")));
        TableDescription votes = dynamoDb.describeTable(b -> b.tableName("create-votes")).table();
        assertThat(votes.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(votes.latestStreamArn()).startsWith("arn:aws:dynamodb:ddblocal:000000000000:table/create-votes/stream/");
        assertThat(dynamoDb.describeTimeToLive(b -> b.tableName("create-total_votes"))
                .timeToLiveDescription().timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
    }

    @Test
    void deploy_whenRunTwice_leavesExistingTablesAlone(DynamoDbClient dynamoDb) {
        Template template = readVotes("twice");
        TableDeployer deployer = new TableDeployer(dynamoDb);
        deployer.deploy(template);

        List<TableDeployment> second = deployer.deploy(template);

        assertThat(second).extracting(TableDeployment::outcome)
                .containsExactly(Outcome.ALREADY_EXISTS, Outcome.ALREADY_EXISTS);
    }

    @Test
    void deploy_whenTableExistsWithAnotherKeySchema_failsNamingTheTable(DynamoDbClient dynamoDb) {
        dynamoDb.createTable(b -> b.tableName("clash-votes")
                .billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(AttributeDefinition.builder().attributeName("voteId").attributeType("S").build())
                .keySchema(KeySchemaElement.builder().attributeName("voteId").keyType("HASH").build()));

        assertThatThrownBy(() -> new TableDeployer(dynamoDb).deploy(readVotes("clash")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Table clash-votes (VotesTable) already exists with key schema")
                .hasMessageEndingWith(": delete it or restart DynamoDB Local");
    }

    @Test
    void deploy_whenTemplateHasIndexesAndProvisionedThroughput_createsThem(DynamoDbClient dynamoDb) {
        Template template = new TemplateReader(StackSettings.of("gsi", "eu-west-1").withParameter("Stage", "prod"))
                .read(TestTemplates.path("parameters-and-conditions.yaml"));

        new TableDeployer(dynamoDb).deploy(template);

        TableDescription scores = dynamoDb.describeTable(b -> b.tableName("game-prod-scores")).table();
        assertThat(scores.globalSecondaryIndexes()).singleElement()
                .satisfies(index -> assertThat(index.indexName()).isEqualTo("ByUser"));
        assertThat(scores.provisionedThroughput().readCapacityUnits()).isEqualTo(5L);
    }

    /** The votes template with its table names prefixed, so that tests do not share tables. */
    private static Template readVotes(String prefix) {
        Template template = TestTemplates.read("votes-aggregation.yaml");
        return new Template(template.file(), template.parameters(), template.tables().stream()
                .map(table -> new TableDefinition(table.logicalId(),
                        table.createTableRequest().toBuilder().tableName(prefix + "-" + table.tableName()).build(),
                        table.timeToLiveAttribute()))
                .toList(), template.functions(), template.deliveryStreams());
    }
}
