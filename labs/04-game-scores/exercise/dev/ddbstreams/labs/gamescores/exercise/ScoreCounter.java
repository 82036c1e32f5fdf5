package dev.ddbstreams.labs.gamescores.exercise;

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
 * YOUR score counter: lab 04's exercise (labs/04-game-scores/README.md, "Exercise").
 * {@code ./workshop check 04-game-scores} runs it in place of the module's handler, on the same
 * trigger (game-scores/template.yaml's ScoreSumFunction, on GameScoreRecords' stream: a tumbling
 * window of 1 second, retried until it succeeds), and grades it scenario by scenario.
 *
 * <p>It starts as the original AWS lab sums: one {@code UpdateItem ADD Score :score} per record
 * whose NewImage holds a Username and a Score. Edit it until every scenario passes. The trigger
 * gives you {@code event.getState()}, {@code event.getIsFinalInvokeForWindow()},
 * {@code event.getWindow()} and {@code event.getShardId()}. Environment: SCORES_TABLE
 * (GameScoresByUser, keyed by Username); WINDOWS_TABLE (a table keyed by {@code window}, yours to
 * use); QUARANTINE_BUCKET (an S3 bucket for records that can never be counted).
 */
public final class ScoreCounter implements RequestHandler<DynamodbTimeWindowEvent, TimeWindowEventResponse> {

    // Built once per execution environment, not per invocation.
    private final DynamoDbClient dynamoDb = LambdaClients.build(DynamoDbClient.class, DynamoDbClient::builder);
    private final String scoresTable = FunctionEnvironment.require("SCORES_TABLE");

    @Override
    public TimeWindowEventResponse handleRequest(DynamodbTimeWindowEvent event, Context context) {
        for (DynamodbStreamRecord lambdaRecord : event.getRecords()) {
            ChangeRecord record = ChangeRecords.fromLambda(lambdaRecord);
            Optional<AttributeValue> player = attribute(record.newImage(), "Username");
            Optional<AttributeValue> score = attribute(record.newImage(), "Score");
            if (player.map(AttributeValue::s).isPresent() && score.map(AttributeValue::n).isPresent()) {
                dynamoDb.updateItem(b -> b.tableName(scoresTable)
                        .key(Map.of("Username", player.get()))
                        .updateExpression("ADD Score :score")
                        .expressionAttributeValues(Map.of(":score", score.get())));
            }
        }
        // The window's state for its next invocation: nothing kept.
        return TimeWindowEventResponse.builder().withState(Map.of()).build();
    }

    private static Optional<AttributeValue> attribute(Optional<Image> image, String name) {
        return image.map(i -> i.attributes().get(name));
    }
}
