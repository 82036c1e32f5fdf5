package dev.ddbstreams.gamescores;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import dev.ddbstreams.limits.DynamoDbLimits;
import dev.ddbstreams.windows.WindowedAggregation;

/**
 * Sums scores per player ({@code GameScoreRecords} -> {@code GameScoresByUser}) exactly once,
 * whatever Lambda retries or delivers twice: {@link GameScoreAggregator} with the windows
 * module's tumbling-window mechanism ({@link WindowedAggregation}: increments carried in the
 * window's state, one transaction with a marker item per window at its final invoke).
 *
 * <p>Trigger settings it relies on (template.yaml sets them): TumblingWindowInSeconds, no
 * ReportBatchItemFailures (a window's state is all or nothing), MaximumRetryAttempts -1 and
 * MaximumRecordAgeInSeconds -1 (a batch given up on would be scores never counted). Failure mode:
 * a score record that can never be counted (a Username over the partition key limit, a score
 * that is not a number, a record that does not parse) is quarantined in QUARANTINE_BUCKET and
 * reported (log line and the InvalidRecords metric), and so is a window's increment of a player
 * whose total would pass DynamoDB's 38 digits at commit (the other players commit); a DynamoDB
 * error fails the invocation and Lambda retries it with the same state. See
 * https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-windows.html
 *
 * <p>Environment: SCORES_TABLE (GameScoresByUser), WINDOWS_TABLE (window markers),
 * QUARANTINE_BUCKET.
 */
public final class ScoreSumHandler implements RequestHandler<DynamodbTimeWindowEvent, TimeWindowEventResponse> {

    /** The scores table's key: a score whose Username cannot be a partition key is poison. */
    static final DynamoDbLimits SCORES_KEY = DynamoDbLimits.forTable("Username");

    private final WindowedAggregation aggregation;

    public ScoreSumHandler() {
        this(WindowedAggregation.fromEnvironment(new GameScoreAggregator(), "SCORES_TABLE", SCORES_KEY));
    }

    ScoreSumHandler(WindowedAggregation aggregation) {
        this.aggregation = aggregation;
    }

    @Override
    public TimeWindowEventResponse handleRequest(DynamodbTimeWindowEvent event, Context context) {
        return aggregation.process(event);
    }
}
