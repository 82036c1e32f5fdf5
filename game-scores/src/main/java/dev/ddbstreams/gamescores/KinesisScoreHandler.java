package dev.ddbstreams.gamescores;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ddbstreams.lambda.FunctionEnvironment;
import dev.ddbstreams.lambda.LambdaClients;
import dev.ddbstreams.lambda.SnapStartPriming;
import dev.ddbstreams.quarantine.S3Quarantine;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Reads score events from a Kinesis data stream into {@code GameScoreRecords}, each Kinesis record
 * at most once however often Lambda delivers it (see {@link KinesisScoreProcessor} for what is
 * written, skipped and reported). From there ScoreSumHandler sums them per player: Kinesis ->
 * GameScoreRecords -> GameScoresByUser.
 *
 * <p>Trigger settings it relies on (template.yaml sets them): FunctionResponseTypes
 * [ReportBatchItemFailures] (without it the partial response is ignored and a failed record
 * fails the whole batch). Failure mode: a record that can never be written (not UTF-8, not a
 * score event, over DynamoDB's limits) is quarantined whole and the batch goes on; processing
 * stops at the first record whose write failed for a transient reason (throttling, say) and
 * reports it, and Lambda retries from it. See
 * https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-batchfailurereporting.html
 *
 * <p>Environment: RECORDS_TABLE (GameScoreRecords); QUARANTINE_BUCKET, the bucket that keeps
 * records that can never be written, under {@code KinesisScoreFunction/}.
 */
public final class KinesisScoreHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {

    private final KinesisScoreProcessor processor;
    /** Held so the SnapStart registration lives as long as the handler; null when built for a test. */
    private final SnapStartPriming priming;

    /** The folder of the quarantine bucket this function's records go to, unless QUARANTINE_PREFIX names another. */
    public static final String QUARANTINE_FOLDER = "KinesisScoreFunction";

    public KinesisScoreHandler() {
        this(LambdaClients.build(DynamoDbClient.class, DynamoDbClient::builder),
                FunctionEnvironment.require("RECORDS_TABLE"),
                S3Quarantine.ofFunction());
    }

    private KinesisScoreHandler(DynamoDbClient dynamoDb, String recordsTable, S3Quarantine quarantine) {
        this.processor = new KinesisScoreProcessor(new ScoreRecordWriter(dynamoDb, recordsTable),
                (record, failure) -> quarantine.quarantine(record, failure,
                        FunctionEnvironment.get("QUARANTINE_PREFIX").orElse(QUARANTINE_FOLDER)));
        this.priming = SnapStartPriming.register(dynamoDb, recordsTable);
    }

    KinesisScoreHandler(KinesisScoreProcessor processor) {
        this.processor = processor;
        this.priming = null;
    }

    @Override
    public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
        return processor.process(event.getRecords());
    }
}
