package dev.ddbstreams.replication;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import dev.ddbstreams.lambda.FunctionEnvironment;
import dev.ddbstreams.lambda.LambdaClients;
import dev.ddbstreams.lambda.SnapStartPriming;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.ChangeRecords;
import dev.ddbstreams.records.EventName;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The seed lab's replicator done honestly, as the benchmark's baseline: one PutItem (new image,
 * exact types) or DeleteItem per record, in order, and any error fails the invocation so Lambda
 * retries the whole batch (safe: every write is idempotent). Correct, but it spends one request
 * per record and writes a key once per change, where {@link ReplicaHandler} writes it once per batch.
 *
 * <p>Environment: TARGET_TABLE; TARGET_REGION (default: the function's AWS_REGION).
 */
public final class NaiveReplicaHandler implements RequestHandler<DynamodbEvent, String> {

    private final DynamoDbClient dynamoDb;
    private final String targetTable;
    /** Held so the SnapStart registration lives as long as the handler. */
    private final SnapStartPriming priming;

    public NaiveReplicaHandler() {
        this(LambdaClients.build(DynamoDbClient.class, DynamoDbClient::builder, TargetRegion.fromEnvironment()),
                FunctionEnvironment.require("TARGET_TABLE"));
    }

    NaiveReplicaHandler(DynamoDbClient dynamoDb, String targetTable) {
        this.dynamoDb = dynamoDb;
        this.targetTable = targetTable;
        this.priming = SnapStartPriming.register(dynamoDb, targetTable);
    }

    @Override
    public String handleRequest(DynamodbEvent event, Context context) {
        for (ChangeRecord record : ChangeRecords.fromEvent(event)) {
            if (record.eventName() == EventName.REMOVE) {
                dynamoDb.deleteItem(b -> b.tableName(targetTable).key(record.keys().attributes()));
            } else {
                dynamoDb.putItem(b -> b.tableName(targetTable).item(record.requireNewImage().attributes()));
            }
        }
        return "Replicated " + event.getRecords().size() + " records.";
    }
}
