package dev.ddbstreams.aggregation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import dev.ddbstreams.lambda.FunctionEnvironment;
import java.time.Duration;
import java.time.InstantSource;

/**
 * Counts votes ({@code votes} -> {@code total_votes}) exactly once, whatever Lambda retries or
 * delivers twice.
 *
 * <p>Trigger settings it relies on (template.yaml sets them): TumblingWindowInSeconds (the
 * window's final invoke commits), no ReportBatchItemFailures (this handler never reports partial
 * failures: invalid votes are skipped, other errors fail the invocation and Lambda retries it with
 * the same state), MaximumRetryAttempts -1 and MaximumRecordAgeInSeconds -1 (a batch given up on
 * would be votes never counted: exactness over progress). Failure mode: a DynamoDB error fails the
 * invocation; the shard waits and retries. See
 * https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-windows.html
 *
 * <p>Environment: TOTALS_TABLE, WINDOWS_TABLE.
 */
public final class VoteCountHandler implements RequestHandler<DynamodbTimeWindowEvent, TimeWindowEventResponse> {

    /** Markers outlive the stream's 24-hour retention, so no replay can come after its marker expires. */
    static final Duration MARKER_LIFETIME = Duration.ofDays(2);

    private final WindowedAggregation aggregation;

    public VoteCountHandler() {
        this(new WindowedAggregation(new VoteAggregator(),
                new WindowCommitter(DependencyFactory.dynamoDbClient(), FunctionEnvironment.require("TOTALS_TABLE"),
                        FunctionEnvironment.require("WINDOWS_TABLE"), MARKER_LIFETIME, InstantSource.system()),
                new InvalidRecords(FunctionEnvironment.get("AWS_LAMBDA_FUNCTION_NAME").orElse("VoteCounter"),
                        InstantSource.system())));
    }

    VoteCountHandler(WindowedAggregation aggregation) {
        this.aggregation = aggregation;
    }

    @Override
    public TimeWindowEventResponse handleRequest(DynamodbTimeWindowEvent event, Context context) {
        return aggregation.process(event);
    }
}
