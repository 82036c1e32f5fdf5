package dev.ddbstreams.gamescores;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ddbstreams.lambda.FunctionEnvironment;
import dev.ddbstreams.lambda.LambdaClients;
import dev.ddbstreams.lambda.SnapStartPriming;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Reads score events from a Kinesis data stream into {@code GameScoreRecords}, each Kinesis record
 * at most once however often Lambda delivers it (see {@link KinesisScoreProcessor} for what is
 * written, skipped and reported). From there ScoreSumHandler sums them per player: Kinesis ->
 * GameScoreRecords -> GameScoresByUser.
 *
 * <p>Trigger settings it relies on (template.yaml sets them): FunctionResponseTypes
 * [ReportBatchItemFailures] (without it the partial response is ignored and a failed record
 * fails the whole batch). Failure mode: processing stops at the first record that is not valid
 * UTF-8 or cannot be written, and reports it; Lambda retries from it until MaximumRetryAttempts,
 * then sends the batch's position to the on-failure destination and moves on. See
 * https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-batchfailurereporting.html
 *
 * <p>Environment: RECORDS_TABLE (GameScoreRecords).
 */
public final class KinesisScoreHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {

    private final KinesisScoreProcessor processor;
    /** Held so the SnapStart registration lives as long as the handler; null when built for a test. */
    private final SnapStartPriming priming;

    public KinesisScoreHandler() {
        this(LambdaClients.build(DynamoDbClient.class, DynamoDbClient::builder),
                FunctionEnvironment.require("RECORDS_TABLE"));
    }

    private KinesisScoreHandler(DynamoDbClient dynamoDb, String recordsTable) {
        this.processor = new KinesisScoreProcessor(new ScoreRecordWriter(dynamoDb, recordsTable));
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
