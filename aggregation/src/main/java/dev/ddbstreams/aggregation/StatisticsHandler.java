package dev.ddbstreams.aggregation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import dev.ddbstreams.lambda.FunctionEnvironment;
import dev.ddbstreams.limits.DynamoDbLimits;
import dev.ddbstreams.windows.StatisticsAggregator;
import dev.ddbstreams.windows.WindowedAggregation;

/**
 * Count, sum, maximum and minimum of a number attribute per group ({@link StatisticsAggregator}),
 * applied exactly once with the vote counter's mechanism ({@link WindowedAggregation}).
 *
 * <p>Trigger settings it relies on (template.yaml sets them): TumblingWindowInSeconds (the
 * window's final invoke commits), no ReportBatchItemFailures (an item that can never be
 * aggregated is quarantined in QUARANTINE_BUCKET and reported, and so is a window's increment of a
 * group whose sum would pass DynamoDB's 38 digits at commit; anything else fails the invocation
 * and Lambda retries it with the same state),
 * MaximumRetryAttempts -1 and MaximumRecordAgeInSeconds -1 (a batch given up on would be changes
 * never counted). Failure mode: a DynamoDB error fails the invocation; the shard waits and
 * retries. See https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-windows.html
 *
 * <p>Environment: GROUP_BY (string attribute naming the group, also the key of STATS_TABLE),
 * VALUE_ATTRIBUTE (number attribute), STATS_TABLE, WINDOWS_TABLE (window markers), QUARANTINE_BUCKET.
 */
public final class StatisticsHandler implements RequestHandler<DynamodbTimeWindowEvent, TimeWindowEventResponse> {

    private final WindowedAggregation aggregation;

    public StatisticsHandler() {
        this(WindowedAggregation.fromEnvironment(new StatisticsAggregator(FunctionEnvironment.require("GROUP_BY"),
                FunctionEnvironment.require("VALUE_ATTRIBUTE")), "STATS_TABLE",
                DynamoDbLimits.forTable(FunctionEnvironment.require("GROUP_BY"))));
    }

    StatisticsHandler(WindowedAggregation aggregation) {
        this.aggregation = aggregation;
    }

    @Override
    public TimeWindowEventResponse handleRequest(DynamodbTimeWindowEvent event, Context context) {
        return aggregation.process(event);
    }
}
