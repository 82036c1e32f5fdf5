package dev.ddbstreams.aggregation;

import dev.ddbstreams.localcloud.template.StackSettings;
import dev.ddbstreams.localcloud.template.TableDefinition;
import dev.ddbstreams.localcloud.template.Template;
import dev.ddbstreams.localcloud.template.TemplateReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The template's {@code votes}, {@code total_votes} and {@code total_votes_naive} tables, created
 * under names of their own (tables outlive a test in one DynamoDB Local), and writers for their items.
 */
record DashboardTables(DynamoDbClient dynamoDb, String votes, String totals, String naiveTotals) {

    private static final Template TEMPLATE = new TemplateReader(StackSettings.of("dashboard-test", "us-east-1"))
            .read(Path.of("template.yaml"));

    static DashboardTables create(DynamoDbClient dynamoDb) {
        String suffix = "-" + UUID.randomUUID().toString().substring(0, 8);
        DashboardTables tables = new DashboardTables(dynamoDb, "votes" + suffix, "total_votes" + suffix,
                "total_votes_naive" + suffix);
        createLike(dynamoDb, "VotesTable", tables.votes());
        createLike(dynamoDb, "TotalVotesTable", tables.totals());
        createLike(dynamoDb, "NaiveTotalVotesTable", tables.naiveTotals());
        return tables;
    }

    static Template template() {
        return TEMPLATE;
    }

    void putTotal(String region, String improvement, long votes) {
        putTotal(totals, region, improvement, votes);
    }

    void putNaiveTotal(String region, String improvement, long votes) {
        putTotal(naiveTotals, region, improvement, votes);
    }

    private void putTotal(String table, String region, String improvement, long votes) {
        dynamoDb.putItem(b -> b.tableName(table).item(Map.of(
                "region", AttributeValue.fromS(region),
                "improvement", AttributeValue.fromS(improvement),
                VoteAggregator.TOTAL, AttributeValue.fromN(Long.toString(votes)))));
    }

    void putVote(String id, String region, String improvement, Instant castAt) {
        dynamoDb.putItem(b -> b.tableName(votes).item(DashboardVoteItem.of(id, region, improvement, castAt)));
    }

    private static void createLike(DynamoDbClient dynamoDb, String logicalId, String name) {
        TableDefinition definition = TEMPLATE.tables().stream().filter(t -> t.logicalId().equals(logicalId))
                .findFirst().orElseThrow(() -> new IllegalStateException("template.yaml has no " + logicalId));
        dynamoDb.createTable(definition.createTableRequest().toBuilder().tableName(name).build());
    }
}
