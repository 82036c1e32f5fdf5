package dev.ddbstreams.localcloud;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import dev.ddbstreams.lambda.FunctionEnvironment;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.ChangeRecords;
import java.util.Map;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** Reads each changed key's sum with BatchGetItem, then writes it: needs both actions on the sums table. */
public final class BatchGetProbeHandler implements RequestHandler<DynamodbEvent, Void> {

    private final DynamoDbClient dynamoDb = DynamoDbClient.builder()
            .region(Region.of(FunctionEnvironment.require("AWS_REGION")))
            .build();
    private final String sumsTable = FunctionEnvironment.require("SUMS_TABLE");

    @Override
    public Void handleRequest(DynamodbEvent event, Context context) {
        for (ChangeRecord record : ChangeRecords.fromEvent(event)) {
            Map<String, AttributeValue> key = record.keys().attributes();
            dynamoDb.batchGetItem(b -> b.requestItems(Map.of(sumsTable, keysAndAttributes(key))));
            dynamoDb.putItem(b -> b.tableName(sumsTable).item(key));
        }
        return null;
    }

    private static KeysAndAttributes keysAndAttributes(Map<String, AttributeValue> key) {
        return KeysAndAttributes.builder().keys(key).build();
    }
}
