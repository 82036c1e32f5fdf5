package dev.ddbstreams.labs.planted;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import dev.ddbstreams.failures.Failure;
import dev.ddbstreams.lambda.FunctionEnvironment;
import dev.ddbstreams.lambda.LambdaClients;
import dev.ddbstreams.quarantine.S3Quarantine;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.ChangeRecords;
import dev.ddbstreams.windows.Increment;
import dev.ddbstreams.windows.InvalidChangeException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Planted bug: changes and deletes counted right, poison quarantined, but one UpdateItem ADD per
 * increment as each invocation runs, with nothing to tell a replay: a batch Lambda retries after
 * its writes committed, or delivers twice, is counted again.
 */
public abstract class AddedPerRecord implements RequestHandler<DynamodbTimeWindowEvent, TimeWindowEventResponse> {

    private final CountedInto counted;
    private final DynamoDbClient dynamoDb = LambdaClients.build(DynamoDbClient.class, DynamoDbClient::builder);
    private final S3Quarantine quarantine = S3Quarantine.ofFunction();
    private final String totalsTable;

    protected AddedPerRecord(CountedInto counted) {
        this.counted = counted;
        this.totalsTable = FunctionEnvironment.require(counted.tableVariable());
    }

    @Override
    public TimeWindowEventResponse handleRequest(DynamodbTimeWindowEvent event, Context context) {
        for (DynamodbEvent.DynamodbStreamRecord lambdaRecord : event.getRecords()) {
            ChangeRecord record = ChangeRecords.fromLambda(lambdaRecord);
            Optional<String> poison = whyPoison(record);
            if (poison.isPresent()) {
                quarantine.quarantine(record, Failure.permanent(poison.get()), PlantedStreamHandler.quarantineFolder());
                continue;
            }
            for (Increment increment : counted.right().increments(record)) {
                increment.add().forEach((attribute, amount) -> dynamoDb.updateItem(b -> b.tableName(totalsTable)
                        .key(increment.key()).updateExpression("ADD #total :amount")
                        .expressionAttributeNames(Map.of("#total", attribute))
                        .expressionAttributeValues(Map.of(":amount", AttributeValue.fromN(amount.toPlainString())))));
            }
        }
        return TimeWindowEventResponse.builder().withState(Map.of()).build();
    }

    private Optional<String> whyPoison(ChangeRecord record) {
        List<Increment> increments;
        try {
            increments = counted.right().increments(record);
        } catch (InvalidChangeException e) {
            return Optional.of(e.getMessage());
        }
        return increments.stream().map(increment -> counted.key().checkKey(increment.key()))
                .flatMap(Optional::stream).map(Object::toString).findFirst();
    }
}
