package dev.ddbstreams.labs.votes.planted;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import dev.ddbstreams.aggregation.VoteAggregator;
import dev.ddbstreams.limits.DynamoDbLimits;
import dev.ddbstreams.windows.ChangeAggregator;
import dev.ddbstreams.windows.WindowedAggregation;

/**
 * The worked solution's mechanism (tumbling windows, one idempotent commit per window, poison
 * quarantined) with one part swapped for a wrong one: each subclass plants one bug, so the grader
 * must fail exactly the scenarios that bug breaks.
 */
abstract class PlantedBugCounter implements RequestHandler<DynamodbTimeWindowEvent, TimeWindowEventResponse> {

    static final DynamoDbLimits TOTALS_KEY = DynamoDbLimits.forTable("region", "improvement");
    static final VoteAggregator RIGHT = new VoteAggregator();

    private final WindowedAggregation aggregation;

    PlantedBugCounter(ChangeAggregator aggregator, DynamoDbLimits totalsKey) {
        aggregation = WindowedAggregation.fromEnvironment(aggregator, "TOTALS_TABLE", totalsKey);
    }

    @Override
    public TimeWindowEventResponse handleRequest(DynamodbTimeWindowEvent event, Context context) {
        return aggregation.process(event);
    }
}
