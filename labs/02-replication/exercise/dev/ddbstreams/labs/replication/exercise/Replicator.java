package dev.ddbstreams.labs.replication.exercise;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ddbstreams.lambda.FunctionEnvironment;
import dev.ddbstreams.lambda.LambdaClients;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.ChangeRecords;
import dev.ddbstreams.records.EventName;
import dev.ddbstreams.records.PartialBatchResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * YOUR replicator: lab 02's exercise (labs/02-replication/README.md, "Exercise").
 * {@code ./workshop check 02-replication} runs it in place of the module's handler, on the same
 * trigger (replication/template.yaml's ReplicaFunction on logfile's stream, NEW_IMAGE:
 * ReportBatchItemFailures, BisectBatchOnFunctionError, 10 retries, then the on-failure queue), and
 * grades it scenario by scenario by comparing logfile_replica with logfile, every item and every
 * attribute.
 *
 * <p>It starts as the original AWS lab replicates: one PutItem of the NewImage per INSERT or
 * MODIFY record, and nothing for a REMOVE. (The original also read every number as an integer and
 * caught every exception to carry on; those two bugs are left out here.) Edit it until every
 * scenario passes. Return {@code PartialBatchResponse.failedFrom(record)} to have Lambda retry
 * from a record, {@code PartialBatchResponse.success()} when all were applied. Environment:
 * TARGET_TABLE (logfile_replica); QUARANTINE_BUCKET (an S3 bucket for records that can never be
 * applied).
 */
public final class Replicator implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    // Built once per execution environment, not per invocation.
    private final DynamoDbClient dynamoDb = LambdaClients.build(DynamoDbClient.class, DynamoDbClient::builder);
    private final String targetTable = FunctionEnvironment.require("TARGET_TABLE");

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        for (DynamodbStreamRecord lambdaRecord : event.getRecords()) {
            ChangeRecord record = ChangeRecords.fromLambda(lambdaRecord);
            if (record.eventName() == EventName.INSERT || record.eventName() == EventName.MODIFY) {
                dynamoDb.putItem(b -> b.tableName(targetTable).item(record.requireNewImage().attributes()));
            }
        }
        return PartialBatchResponse.success();
    }
}
