package dev.ddbstreams.labs.replication.planted;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ddbstreams.failures.Failure;
import dev.ddbstreams.failures.FailureClassifier;
import dev.ddbstreams.labs.planted.PlantedStreamHandler;
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
abstract class PlantedReplicator extends PlantedStreamHandler<DynamoDbClient> {

    PlantedReplicator() {
        super(DynamoDbClient.class, DynamoDbClient::builder, "TARGET_TABLE");
    }

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
            client.deleteItem(b -> b.tableName(target).key(record.keys().attributes()));
        } else {
            client.putItem(b -> b.tableName(target).item(record.requireNewImage().attributes()));
        }
    }

    /**
     * A record whose write DynamoDB refuses for good: quarantined.
     *
     * @return true to go on with the batch, false to report the record failed (Lambda retries from it)
     */
    protected boolean refused(ChangeRecord record, Failure failure) {
        quarantine.quarantine(record, failure, PlantedStreamHandler.quarantineFolder());
        return true;
    }
}
