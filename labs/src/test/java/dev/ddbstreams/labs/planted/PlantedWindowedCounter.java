package dev.ddbstreams.labs.planted;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import dev.ddbstreams.lambda.FunctionEnvironment;
import dev.ddbstreams.lambda.LambdaClients;
import dev.ddbstreams.quarantine.S3Quarantine;
import dev.ddbstreams.windows.ChangeAggregator;
import dev.ddbstreams.windows.InvalidRecords;
import dev.ddbstreams.windows.PoisonRecords;
import dev.ddbstreams.windows.WindowCommitter;
import dev.ddbstreams.windows.WindowedAggregation;
import java.time.InstantSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A worked solution's mechanism (tumbling windows, one idempotent commit per window, poison
 * quarantined) with one part swapped for a wrong one: each subclass plants one bug, so the grader
 * must fail exactly the scenarios that bug breaks. Wired as {@code WindowedAggregation.fromEnvironment}
 * wires it, but with the poison records' destination chosen here.
 */
public abstract class PlantedWindowedCounter
        implements RequestHandler<DynamodbTimeWindowEvent, TimeWindowEventResponse> {

    private final WindowedAggregation aggregation;

    protected PlantedWindowedCounter(CountedInto counted, ChangeAggregator aggregator, boolean quarantines) {
        DynamoDbClient dynamoDb = LambdaClients.build(DynamoDbClient.class, DynamoDbClient::builder);
        String folder = PlantedStreamHandler.quarantineFolder();
        PoisonRecords poison = quarantines
                ? PoisonRecords.in(S3Quarantine.ofFunction(), folder)
                : NoQuarantine.INSTANCE;
        aggregation = new WindowedAggregation(aggregator,
                new WindowCommitter(dynamoDb, FunctionEnvironment.require(counted.tableVariable()),
                        FunctionEnvironment.require("WINDOWS_TABLE"), WindowedAggregation.MARKER_LIFETIME,
                        InstantSource.system()),
                new InvalidRecords(folder, InstantSource.system()), counted.key(), poison);
    }

    @Override
    public TimeWindowEventResponse handleRequest(DynamodbTimeWindowEvent event, Context context) {
        event.getRecords().forEach(this::plant);
        return aggregation.process(event);
    }

    /** Changes a record as Lambda delivered it before it is counted; nothing by default. */
    protected void plant(DynamodbEvent.DynamodbStreamRecord record) {
    }
}
