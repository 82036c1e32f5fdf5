package dev.ddbstreams.localcloud.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Creates a template's tables in DynamoDB Local (or any endpoint the client points at), with
 * their indexes, streams and TTL.
 *
 * <p>Idempotent, so that a lab can be run twice against a running {@code ./workshop serve}: a
 * table that already exists with the same key schema and the same stream view type is left
 * alone, whatever its indexes, throughput or TTL (a test may have changed those on purpose);
 * one whose key schema or stream differs is an error, because the template's handlers would
 * read a different shape than the template says. Delete the table, or restart DynamoDB Local,
 * to start over.
 */
public final class TableDeployer {

    private final DynamoDbClient dynamoDb;

    public TableDeployer(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    /** Creates the template's tables in template order and waits until each is active. */
    public List<TableDeployment> deploy(Template template) {
        List<TableDeployment> deployments = new ArrayList<>();
        for (TableDefinition table : template.tables()) {
            deployments.add(deploy(table));
        }
        return deployments;
    }

    public TableDeployment deploy(TableDefinition table) {
        Optional<TableDescription> existing = describe(table.tableName());
        if (existing.isPresent()) {
            requireSameShape(table, existing.get());
            return new TableDeployment(table.logicalId(), table.tableName(), TableDeployment.Outcome.ALREADY_EXISTS,
                    Optional.empty());
        }
        dynamoDb.createTable(table.createTableRequest());
        dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(table.tableName()));
        table.timeToLiveAttribute().ifPresent(attribute -> dynamoDb.updateTimeToLive(b -> b
                .tableName(table.tableName())
                .timeToLiveSpecification(ttl -> ttl.attributeName(attribute).enabled(true))));
        return new TableDeployment(table.logicalId(), table.tableName(), TableDeployment.Outcome.CREATED,
                table.timeToLiveAttribute());
    }

    private Optional<TableDescription> describe(String tableName) {
        try {
            return Optional.of(dynamoDb.describeTable(b -> b.tableName(tableName)).table());
        } catch (ResourceNotFoundException e) {
            return Optional.empty(); // the usual case: not created yet
        }
    }

    private static void requireSameShape(TableDefinition table, TableDescription existing) {
        if (!existing.keySchema().equals(table.createTableRequest().keySchema())) {
            throw new IllegalStateException("Table " + table.tableName() + " (" + table.logicalId()
                    + ") already exists with key schema " + existing.keySchema() + " but the template says "
                    + table.createTableRequest().keySchema() + ": delete it or restart DynamoDB Local");
        }
        String wanted = viewType(table.createTableRequest().streamSpecification());
        String actual = viewType(existing.streamSpecification());
        if (!Objects.equals(wanted, actual)) {
            throw new IllegalStateException("Table " + table.tableName() + " (" + table.logicalId()
                    + ") already exists with stream " + actual + " but the template says " + wanted
                    + ": delete it or restart DynamoDB Local");
        }
    }

    private static String viewType(StreamSpecification stream) {
        return stream == null || !Boolean.TRUE.equals(stream.streamEnabled()) ? "none" : stream.streamViewTypeAsString();
    }
}
