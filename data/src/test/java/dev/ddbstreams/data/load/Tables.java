package dev.ddbstreams.data.load;

import dev.ddbstreams.data.DataSet;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Creating and reading whole tables in the integration tests. */
final class Tables {

    private Tables() {
    }

    /** Creates the data set's table under another name, so tests in one class do not share tables. */
    static void create(DynamoDbClient dynamoDb, DataSet dataSet, String tableName) {
        dynamoDb.createTable(dataSet.createTableRequest().toBuilder().tableName(tableName).build());
        dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(tableName));
    }

    static List<Map<String, AttributeValue>> scanAll(DynamoDbClient dynamoDb, String tableName) {
        return dynamoDb.scanPaginator(b -> b.tableName(tableName).consistentRead(true)).items().stream().toList();
    }
}
