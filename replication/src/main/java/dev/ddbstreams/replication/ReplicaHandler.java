package dev.ddbstreams.replication;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ddbstreams.dynamodb.BatchWriteSender;
import dev.ddbstreams.dynamodb.RetryBackoff;
import dev.ddbstreams.lambda.FunctionEnvironment;
import dev.ddbstreams.lambda.LambdaClients;
import dev.ddbstreams.lambda.SnapStartPriming;
import dev.ddbstreams.quarantine.S3Quarantine;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Keeps a replica table equal to the source table whose stream triggers it ({@code logfile} ->
 * {@code logfile_replica} in template.yaml), in the same region or, with TARGET_REGION, another.
 *
 * <p>Failure mode: see {@link ReplicaWriter}. It needs {@code FunctionResponseTypes:
 * [ReportBatchItemFailures]}: the response names the first record not applied and Lambda retries
 * from there, in order. An exception it does not handle fails the invocation and Lambda retries
 * the whole batch, which is safe (every write is idempotent). See
 * https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html
 *
 * <p>Environment: TARGET_TABLE; TARGET_REGION (default: the function's AWS_REGION);
 * SKIP_TTL_DELETES ({@code true} keeps items the source's TTL deleted; default {@code false});
 * QUARANTINE_BUCKET, the bucket (in the function's region) that keeps records that can never be
 * applied, under {@code ReplicaFunction/}.
 */
public final class ReplicaHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private final ReplicaWriter writer;
    /** Held so the SnapStart registration lives as long as the handler; null when built for a test. */
    private final SnapStartPriming priming;

    /** The folder of the quarantine bucket this function's records go to. */
    static final String QUARANTINE_FOLDER = "ReplicaFunction";

    public ReplicaHandler() {
        this(LambdaClients.build(DynamoDbClient.class, DynamoDbClient::builder, TargetRegion.fromEnvironment()),
                FunctionEnvironment.require("TARGET_TABLE"), FunctionEnvironment.flag("SKIP_TTL_DELETES", false),
                S3Quarantine.ofFunction());
    }

    ReplicaHandler(DynamoDbClient dynamoDb, String targetTable, boolean skipTtlDeletes, S3Quarantine quarantine) {
        this(new ReplicaWriter(new BatchWriteSender(dynamoDb::batchWriteItem, RetryBackoff.standard()), targetTable,
                skipTtlDeletes, TableLimits.of(dynamoDb, targetTable),
                (record, failure) -> quarantine.quarantine(record, failure, QUARANTINE_FOLDER)),
                SnapStartPriming.register(dynamoDb, targetTable));
    }

    ReplicaHandler(ReplicaWriter writer) {
        this(writer, null);
    }

    private ReplicaHandler(ReplicaWriter writer, SnapStartPriming priming) {
        this.writer = writer;
        this.priming = priming;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return writer.apply(event.getRecords() == null ? List.of() : event.getRecords());
    }
}
