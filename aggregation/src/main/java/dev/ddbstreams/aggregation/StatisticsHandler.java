package dev.ddbstreams.aggregation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import dev.ddbstreams.lambda.FunctionEnvironment;
import java.time.Duration;
import java.time.InstantSource;

/**
 * Count, sum, maximum and minimum of a number attribute per group ({@link StatisticsAggregator}),
 * applied exactly once with the vote counter's mechanism ({@link WindowedAggregation}).
 *
 * <p>Trigger settings it relies on (template.yaml sets them): TumblingWindowInSeconds (the
 * window's final invoke commits), no ReportBatchItemFailures (invalid items are skipped and
 * reported, anything else fails the invocation and Lambda retries it with the same state),
 * MaximumRetryAttempts -1 and MaximumRecordAgeInSeconds -1 (a batch given up on would be changes
 * never counted). Failure mode: a DynamoDB error fails the invocation; the shard waits and
 * retries. See https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-windows.html
 *
 * <p>Environment: GROUP_BY (string attribute naming the group, also the key of STATS_TABLE),
 * VALUE_ATTRIBUTE (number attribute), STATS_TABLE, WINDOWS_TABLE (window markers).
 */
public final class StatisticsHandler implements RequestHandler<DynamodbTimeWindowEvent, TimeWindowEventResponse> {

    /** Markers outlive the stream's 24-hour retention, so no replay can come after its marker expires. */
    static final Duration MARKER_LIFETIME = Duration.ofDays(2);

    private final WindowedAggregation aggregation;

    public StatisticsHandler() {
        this(new WindowedAggregation(
                new StatisticsAggregator(FunctionEnvironment.require("GROUP_BY"),
                        FunctionEnvironment.require("VALUE_ATTRIBUTE")),
                new WindowCommitter(DependencyFactory.dynamoDbClient(), FunctionEnvironment.require("STATS_TABLE"),
                        FunctionEnvironment.require("WINDOWS_TABLE"), MARKER_LIFETIME, InstantSource.system()),
                new InvalidRecords(FunctionEnvironment.get("AWS_LAMBDA_FUNCTION_NAME").orElse("Statistics"),
                        InstantSource.system())));
    }

    StatisticsHandler(WindowedAggregation aggregation) {
        this.aggregation = aggregation;
    }

    @Override
    public TimeWindowEventResponse handleRequest(DynamodbTimeWindowEvent event, Context context) {
        return aggregation.process(event);
    }
}
