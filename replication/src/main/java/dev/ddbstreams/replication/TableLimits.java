package dev.ddbstreams.replication;

import dev.ddbstreams.limits.DynamoDbLimits;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

/** DynamoDB's limits for a target table's own key schema, read once when the handler starts. */
final class TableLimits {

    private TableLimits() {
    }

    static DynamoDbLimits of(DynamoDbClient dynamoDb, String table) {
        List<KeySchemaElement> keys = dynamoDb.describeTable(b -> b.tableName(table)).table().keySchema();
        String partitionKey = keys.stream().filter(key -> key.keyType() == KeyType.HASH).findFirst().orElseThrow()
                .attributeName();
        return keys.stream().filter(key -> key.keyType() == KeyType.RANGE).findFirst()
                .map(sortKey -> DynamoDbLimits.forTable(partitionKey, sortKey.attributeName()))
                .orElseGet(() -> DynamoDbLimits.forTable(partitionKey));
    }
}
