package dev.ddbstreams.data.load;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** One PutItem per item, as the seed lab's loader does: the baseline for the benchmark. */
final class PutItemWriter implements ItemWriter {

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private long itemsWritten;

    PutItemWriter(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public void write(Map<String, AttributeValue> item) {
        dynamoDb.putItem(b -> b.tableName(tableName).item(item));
        itemsWritten++;
    }

    @Override
    public long itemsWritten() {
        return itemsWritten;
    }

    @Override
    public long requestsSent() {
        return itemsWritten;
    }
}
