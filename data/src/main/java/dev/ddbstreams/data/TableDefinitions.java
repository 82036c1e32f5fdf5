package dev.ddbstreams.data;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The tables the data sets load into, as the seed labs define them, on demand and without a
 * stream: a module's template owns its stream settings; add one with {@code toBuilder()}.
 */
final class TableDefinitions {

    private TableDefinitions() {
    }

    /** {@code logfile}: key PK; GSI_1 on GSI_1_PK projecting bytessent, requestid and host, as in the lab. */
    static CreateTableRequest logfile() {
        return CreateTableRequest.builder()
                .tableName("logfile")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("PK", ScalarAttributeType.S),
                        attribute("GSI_1_PK", ScalarAttributeType.S))
                .keySchema(key("PK", KeyType.HASH))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName("GSI_1")
                        .keySchema(key("GSI_1_PK", KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.INCLUDE)
                                .nonKeyAttributes("bytessent", "requestid", "host"))
                        .build())
                .build();
    }

    static CreateTableRequest votes() {
        return simple("votes", "id", ScalarAttributeType.S);
    }

    static CreateTableRequest gameScoreRecords() {
        return simple("GameScoreRecords", "RecordID", ScalarAttributeType.N);
    }

    /** {@code InvoiceTransactions}: one item per bill, partition key InvoiceID, sort key BillID. */
    static CreateTableRequest invoiceTransactions() {
        return CreateTableRequest.builder()
                .tableName("InvoiceTransactions")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("InvoiceID", ScalarAttributeType.S),
                        attribute("BillID", ScalarAttributeType.S))
                .keySchema(key("InvoiceID", KeyType.HASH), key("BillID", KeyType.RANGE))
                .build();
    }

    private static CreateTableRequest simple(String tableName, String partitionKey, ScalarAttributeType type) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute(partitionKey, type))
                .keySchema(key(partitionKey, KeyType.HASH))
                .build();
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
