package dev.ddbstreams.replication;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * A peer table written with a conditional PutItem ({@link ItemVersion#NEWER_THAN_STORED}), so an
 * older change never overwrites a newer one and a duplicate or retried change is a no-op.
 * BatchWriteItem takes no conditions, hence one PutItem per key.
 *
 * @param dynamoDb a client for the peer's region
 */
public record DynamoDbPeerTable(String region, DynamoDbClient dynamoDb, String tableName) implements PeerTable {

    @Override
    public boolean putIfNewer(Map<String, AttributeValue> item, ItemVersion version) {
        try {
            dynamoDb.putItem(b -> b.tableName(tableName).item(item)
                    .conditionExpression(ItemVersion.NEWER_THAN_STORED)
                    .expressionAttributeNames(ItemVersion.names())
                    .expressionAttributeValues(version.values()));
            return true;
        } catch (ConditionalCheckFailedException e) {
            // Handled: the peer holds this version or a newer one, which is what replication wants.
            return false;
        }
    }
}
