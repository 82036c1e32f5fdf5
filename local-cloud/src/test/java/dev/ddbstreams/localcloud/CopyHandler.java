package dev.ddbstreams.localcloud;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import dev.ddbstreams.lambda.FunctionEnvironment;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.ChangeRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Copies changes into another table, building its client the way a deployed handler does: region
 * from the environment, endpoint and credentials from the SDK's standard configuration.
 */
public final class CopyHandler implements RequestHandler<DynamodbEvent, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(CopyHandler.class);

    private final DynamoDbClient dynamoDb = DynamoDbClient.builder()
            .region(Region.of(FunctionEnvironment.require("AWS_REGION")))
            .build();
    private final String targetTable = FunctionEnvironment.require("TARGET_TABLE");

    @Override
    public Void handleRequest(DynamodbEvent event, Context context) {
        for (ChangeRecord record : ChangeRecords.fromEvent(event)) {
            switch (record.eventName()) {
                case INSERT, MODIFY -> dynamoDb.putItem(b -> b.tableName(targetTable)
                        .item(record.requireNewImage().attributes()));
                case REMOVE -> dynamoDb.deleteItem(b -> b.tableName(targetTable).key(record.keys().attributes()));
            }
        }
        LOG.info("copied {} changes", event.getRecords().size());
        return null;
    }
}
