package dev.ddbstreams.replication;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ddbstreams.dynamodb.BatchWriteSender;
import dev.ddbstreams.dynamodb.RetryBackoff;
import dev.ddbstreams.lambda.FunctionEnvironment;
import dev.ddbstreams.lambda.LambdaClients;
import dev.ddbstreams.lambda.SnapStartPriming;
import dev.ddbstreams.quarantine.QuarantinedRecord;
import dev.ddbstreams.quarantine.S3Quarantine;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

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
 * <p>Redrive: invoked with ClientContext {@code custom} {@code {"redrive": "true"}} (what {@code
 * ./workshop redrive} and deploy/redrive.sh send), it does not apply the records' old images but
 * resyncs their keys from the source table ({@link ReplicaWriter#resync}), which the function's
 * role may read (GetItem). See https://docs.aws.amazon.com/lambda/latest/dg/java-context.html
 *
 * <p>Environment: TARGET_TABLE; TARGET_REGION (default: the function's AWS_REGION);
 * SKIP_TTL_DELETES ({@code true} keeps items the source's TTL deleted; default {@code false});
 * QUARANTINE_BUCKET, the bucket (in the function's region) that keeps records that can never be
 * applied, under QUARANTINE_PREFIX (the template's logical id; default {@code ReplicaFunction}).
 */
public final class ReplicaHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private final ReplicaWriter writer;
    /** Held so the SnapStart registration lives as long as the handler; null when built for a test. */
    private final SnapStartPriming priming;

    /** The folder of the quarantine bucket this function's records go to, unless QUARANTINE_PREFIX names another. */
    static final String QUARANTINE_FOLDER = "ReplicaFunction";

    public ReplicaHandler() {
        this(LambdaClients.build(DynamoDbClient.class, DynamoDbClient::builder, TargetRegion.fromEnvironment()));
    }

    private ReplicaHandler(DynamoDbClient target) {
        this(target, sourceClient(target), FunctionEnvironment.require("TARGET_TABLE"),
                FunctionEnvironment.flag("SKIP_TTL_DELETES", false), S3Quarantine.ofFunction(),
                FunctionEnvironment.get("QUARANTINE_PREFIX").orElse(QUARANTINE_FOLDER));
    }

    ReplicaHandler(DynamoDbClient dynamoDb, String targetTable, boolean skipTtlDeletes, S3Quarantine quarantine) {
        this(dynamoDb, dynamoDb, targetTable, skipTtlDeletes, quarantine, QUARANTINE_FOLDER);
    }

    /**
     * @param sourceDynamoDb a client for the source table's region (the function's own): a redrive reads it
     * @param quarantineFolder the folder of the quarantine bucket its records go to
     */
    ReplicaHandler(DynamoDbClient dynamoDb, DynamoDbClient sourceDynamoDb, String targetTable, boolean skipTtlDeletes,
            S3Quarantine quarantine, String quarantineFolder) {
        this(new ReplicaWriter(new BatchWriteSender(dynamoDb::batchWriteItem, RetryBackoff.standard()), targetTable,
                skipTtlDeletes, () -> TableLimits.of(dynamoDb, targetTable),
                Quarantine.s3(quarantine, quarantineFolder),
                (table, key) -> Optional.of(sourceDynamoDb.getItem(b -> b.tableName(table).key(key).consistentRead(true)))
                        .filter(GetItemResponse::hasItem).map(GetItemResponse::item)),
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
        List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
        return isRedrive(context) ? writer.resync(records) : writer.apply(records);
    }

    /** A redrive invokes with ClientContext {@code custom} {@code "redrive": "true"}; a stream trigger never sets one. */
    static boolean isRedrive(Context context) {
        ClientContext client = context == null ? null : context.getClientContext();
        return client != null && client.getCustom() != null
                && "true".equals(client.getCustom().get(QuarantinedRecord.REDRIVE_CLIENT_CONTEXT));
    }

    /** The source table's region is the function's: a second client only when the replica is in another. */
    private static DynamoDbClient sourceClient(DynamoDbClient target) {
        return TargetRegion.fromEnvironment().id().equals(FunctionEnvironment.require("AWS_REGION")) ? target
                : LambdaClients.build(DynamoDbClient.class, DynamoDbClient::builder);
    }
}
