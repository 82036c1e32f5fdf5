package dev.ddbstreams.gamescores;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import dev.ddbstreams.aggregation.DependencyFactory;
import dev.ddbstreams.aggregation.InvalidRecords;
import dev.ddbstreams.aggregation.WindowCommitter;
import dev.ddbstreams.aggregation.WindowedAggregation;
import dev.ddbstreams.lambda.FunctionEnvironment;
import java.time.Duration;
import java.time.InstantSource;

/**
 * Sums scores per player ({@code GameScoreRecords} -> {@code GameScoresByUser}) exactly once,
 * whatever Lambda retries or delivers twice: {@link GameScoreAggregator} with the aggregation
 * module's tumbling-window mechanism ({@link WindowedAggregation}: increments carried in the
 * window's state, one transaction with a marker item per window at its final invoke).
 *
 * <p>Trigger settings it relies on (template.yaml sets them): TumblingWindowInSeconds, no
 * ReportBatchItemFailures (a window's state is all or nothing), MaximumRetryAttempts -1 and
 * MaximumRecordAgeInSeconds -1 (a batch given up on would be scores never counted). Failure mode:
 * invalid score records are skipped and reported (log line and the InvalidRecords metric); a
 * DynamoDB error fails the invocation and Lambda retries it with the same state. See
 * https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-windows.html
 *
 * <p>Environment: SCORES_TABLE (GameScoresByUser), WINDOWS_TABLE (window markers).
 */
public final class ScoreSumHandler implements RequestHandler<DynamodbTimeWindowEvent, TimeWindowEventResponse> {

    /** Markers outlive the stream's 24-hour retention, so no replay can come after its marker expires. */
    static final Duration MARKER_LIFETIME = Duration.ofDays(2);

    private final WindowedAggregation aggregation;

    public ScoreSumHandler() {
        this(new WindowedAggregation(new GameScoreAggregator(),
                new WindowCommitter(DependencyFactory.dynamoDbClient(), FunctionEnvironment.require("SCORES_TABLE"),
                        FunctionEnvironment.require("WINDOWS_TABLE"), MARKER_LIFETIME, InstantSource.system()),
                new InvalidRecords(FunctionEnvironment.get("AWS_LAMBDA_FUNCTION_NAME").orElse("ScoreSum"),
                        InstantSource.system())));
    }

    ScoreSumHandler(WindowedAggregation aggregation) {
        this.aggregation = aggregation;
    }

    @Override
    public TimeWindowEventResponse handleRequest(DynamodbTimeWindowEvent event, Context context) {
        return aggregation.process(event);
    }
}
