package dev.ddbstreams.aggregation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import dev.ddbstreams.limits.DynamoDbLimits;
import dev.ddbstreams.windows.WindowedAggregation;

/**
 * Counts votes ({@code votes} -> {@code total_votes}) exactly once, whatever Lambda retries or
 * delivers twice.
 *
 * <p>Trigger settings it relies on (template.yaml sets them): TumblingWindowInSeconds (the
 * window's final invoke commits), no ReportBatchItemFailures (this handler never reports partial
 * failures: a vote that can never be counted is quarantined, other errors fail the invocation and Lambda retries it with
 * the same state), MaximumRetryAttempts -1 and MaximumRecordAgeInSeconds -1 (a batch given up on
 * would be votes never counted: exactness over progress). Failure mode: a DynamoDB error fails the
 * invocation; the shard waits and retries. See
 * https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-windows.html
 *
 * <p>Environment: TOTALS_TABLE, WINDOWS_TABLE, QUARANTINE_BUCKET.
 */
public final class VoteCountHandler implements RequestHandler<DynamodbTimeWindowEvent, TimeWindowEventResponse> {

    /** The totals table's key: a vote whose region or improvement cannot be a key of it is poison. */
    static final DynamoDbLimits TOTALS_KEY = DynamoDbLimits.forTable("region", "improvement");

    private final WindowedAggregation aggregation;

    public VoteCountHandler() {
        this(WindowedAggregation.fromEnvironment(new VoteAggregator(), "TOTALS_TABLE", TOTALS_KEY));
    }

    VoteCountHandler(WindowedAggregation aggregation) {
        this.aggregation = aggregation;
    }

    @Override
    public TimeWindowEventResponse handleRequest(DynamodbTimeWindowEvent event, Context context) {
        return aggregation.process(event);
    }
}
