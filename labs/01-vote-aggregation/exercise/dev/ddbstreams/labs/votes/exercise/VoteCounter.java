package dev.ddbstreams.labs.votes.exercise;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import dev.ddbstreams.lambda.FunctionEnvironment;
import dev.ddbstreams.lambda.LambdaClients;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.ChangeRecords;
import dev.ddbstreams.records.Image;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * YOUR vote counter: lab 01's exercise (labs/01-vote-aggregation/README.md, "Exercise").
 * {@code ./workshop check 01-vote-aggregation} runs it in place of the module's handler, on the
 * same trigger (aggregation/template.yaml's VoteCounterFunction: a tumbling window of 1 second,
 * retried until it succeeds), and grades it scenario by scenario.
 *
 * <p>It starts as the original AWS sample counts: one {@code UpdateItem ADD total_votes 1} per
 * record whose NewImage holds a region and an improvement. Edit it until every scenario passes.
 * The trigger gives you {@code event.getState()} (what your last successful invocation of this
 * window returned), {@code event.getIsFinalInvokeForWindow()}, {@code event.getWindow()} and
 * {@code event.getShardId()}. Environment: TOTALS_TABLE; WINDOWS_TABLE (a table keyed by
 * {@code window}, yours to use); QUARANTINE_BUCKET (an S3 bucket for records that can never be
 * counted).
 */
public final class VoteCounter implements RequestHandler<DynamodbTimeWindowEvent, TimeWindowEventResponse> {

    // Built once per execution environment, not per invocation.
    private final DynamoDbClient dynamoDb = LambdaClients.build(DynamoDbClient.class, DynamoDbClient::builder);
    private final String totalsTable = FunctionEnvironment.require("TOTALS_TABLE");

    @Override
    public TimeWindowEventResponse handleRequest(DynamodbTimeWindowEvent event, Context context) {
        for (DynamodbStreamRecord lambdaRecord : event.getRecords()) {
            ChangeRecord record = ChangeRecords.fromLambda(lambdaRecord);
            Optional<String> region = text(record.newImage(), "region");
            Optional<String> improvement = text(record.newImage(), "improvement");
            if (region.isPresent() && improvement.isPresent()) {
                addOneVote(region.get(), improvement.get());
            }
        }
        // The window's state for its next invocation: nothing kept.
        return TimeWindowEventResponse.builder().withState(Map.of()).build();
    }

    private void addOneVote(String region, String improvement) {
        dynamoDb.updateItem(b -> b.tableName(totalsTable)
                .key(Map.of("region", AttributeValue.fromS(region), "improvement", AttributeValue.fromS(improvement)))
                .updateExpression("ADD total_votes :one")
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
    }

    /** A string attribute of an image; empty when there is no image, no such attribute, or not a string. */
    private static Optional<String> text(Optional<Image> image, String name) {
        return image.map(i -> i.attributes().get(name)).map(AttributeValue::s);
    }
}
