package dev.ddbstreams.replication;

import dev.ddbstreams.limits.DynamoDbLimits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * DynamoDB's limits for a target table's key schema and its secondary indexes' keys (a replica may
 * index what its source does not), read from its description (DescribeTable) when the handler
 * starts and again before a record is quarantined for breaking them: indexes come and go.
 */
final class TableLimits {

    private TableLimits() {
    }

    static DynamoDbLimits of(DynamoDbClient dynamoDb, String table) {
        TableDescription description = dynamoDb.describeTable(b -> b.tableName(table)).table();
        List<KeySchemaElement> keys = description.keySchema();
        String partitionKey = keys.stream().filter(key -> key.keyType() == KeyType.HASH).findFirst().orElseThrow()
                .attributeName();
        DynamoDbLimits limits = keys.stream().filter(key -> key.keyType() == KeyType.RANGE).findFirst()
                .map(sortKey -> DynamoDbLimits.forTable(partitionKey, sortKey.attributeName()))
                .orElseGet(() -> DynamoDbLimits.forTable(partitionKey));
        Map<String, ScalarAttributeType> types = new HashMap<>();
        description.attributeDefinitions().forEach(definition -> types.put(definition.attributeName(),
                definition.attributeType()));
        List<KeySchemaElement> indexKeys = new ArrayList<>();
        description.globalSecondaryIndexes().forEach(index -> indexKeys.addAll(index.keySchema()));
        description.localSecondaryIndexes().forEach(index -> indexKeys.addAll(index.keySchema()));
        for (KeySchemaElement key : indexKeys) {
            if (keys.stream().noneMatch(tableKey -> tableKey.attributeName().equals(key.attributeName()))) {
                limits = limits.withIndexKey(key.attributeName(), types.get(key.attributeName()),
                        key.keyType() == KeyType.RANGE);
            }
        }
        return limits;
    }
}
