package dev.ddbstreams.localcloud.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** Creates simple tables for tests and demonstrations; real tables come from the modules' templates. */
public final class LocalTables {

    private LocalTables() {
    }

    /** A table with a string partition key and a stream of the given view type. */
    public static void createWithStream(DynamoDbClient dynamoDb, String tableName, String partitionKey,
            StreamViewType viewType) {
        dynamoDb.createTable(b -> b.tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName(partitionKey).attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName(partitionKey).keyType(KeyType.HASH).build())
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(viewType)));
    }
}
