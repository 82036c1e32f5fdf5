package dev.ddbstreams.aggregation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import dev.ddbstreams.windows.WindowedAggregation;

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

    private final WindowedAggregation aggregation;

    public VoteCountHandler() {
        this(WindowedAggregation.fromEnvironment(new VoteAggregator(), "TOTALS_TABLE"));
    }

    VoteCountHandler(WindowedAggregation aggregation) {
        this.aggregation = aggregation;
    }

    @Override
    public TimeWindowEventResponse handleRequest(DynamodbTimeWindowEvent event, Context context) {
        return aggregation.process(event);
    }
}
