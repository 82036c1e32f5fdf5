package dev.ddbstreams.labs.replication.planted;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ddbstreams.failures.Failure;
import dev.ddbstreams.failures.FailureClassifier;
import dev.ddbstreams.lambda.FunctionEnvironment;
import dev.ddbstreams.lambda.LambdaClients;
import dev.ddbstreams.quarantine.S3Quarantine;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.ChangeRecords;
import dev.ddbstreams.records.EventName;
import dev.ddbstreams.records.PartialBatchResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * A right replicator written plainly, one write per record in stream order (a PutItem of the new
 * image, or a DeleteItem of the keys); a write DynamoDB refuses for good is quarantined whole, any
 * other error fails the invocation, and Lambda retries the batch (every write is idempotent). Each
 * subclass swaps one part for a wrong one, so the grader must fail exactly the scenarios that bug
 * breaks. (ReplicaHandler, the worked solution, batches and folds writes per key; that is speed,
 * not correctness, and not what these bugs are about.)
 */
abstract class PlantedReplicator implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    protected final DynamoDbClient dynamoDb = LambdaClients.build(DynamoDbClient.class, DynamoDbClient::builder);
    protected final String targetTable = FunctionEnvironment.require("TARGET_TABLE");
    private final S3Quarantine quarantine = S3Quarantine.ofFunction();

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        for (DynamodbEvent.DynamodbStreamRecord lambdaRecord : event.getRecords()) {
            ChangeRecord record = ChangeRecords.fromLambda(lambdaRecord);
            try {
                apply(record);
            } catch (DynamoDbException e) {
                Failure failure = FailureClassifier.classify(e);
                if (!failure.isPermanent()) {
                    throw e;
                }
                if (!refused(record, failure)) {
                    return PartialBatchResponse.failedFrom(record);
                }
            }
        }
        return PartialBatchResponse.success();
    }

    protected void apply(ChangeRecord record) {
        if (record.eventName() == EventName.REMOVE) {
            dynamoDb.deleteItem(b -> b.tableName(targetTable).key(record.keys().attributes()));
        } else {
            dynamoDb.putItem(b -> b.tableName(targetTable).item(record.requireNewImage().attributes()));
        }
    }

    /**
     * A record whose write DynamoDB refuses for good: quarantined.
     *
     * @return true to go on with the batch, false to report the record failed (Lambda retries from it)
     */
    protected boolean refused(ChangeRecord record, Failure failure) {
        quarantine.quarantine(record, failure, "planted");
        return true;
    }
}
