package dev.ddbstreams.aggregation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import dev.ddbstreams.lambda.FunctionEnvironment;
import dev.ddbstreams.lambda.LambdaClients;
import dev.ddbstreams.lambda.SnapStartPriming;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The seed lab's vote counter, kept to show what goes wrong: DO NOT COPY IT.
 *
 * <p>One {@code UpdateItem ADD total_votes 1} per stream record whose NewImage has a region and an
 * improvement. So it double-counts every record of a batch that Lambda retries (a crash after some
 * writes, a timeout, a throttled write), counts a MODIFY as one more vote instead of moving it,
 * never subtracts a REMOVE, and spends one write per record. {@link VoteCountHandler} fixes all four.
 *
 * <p>Environment: TOTALS_TABLE.
 */
public final class NaiveVoteCountHandler implements RequestHandler<DynamodbEvent, String> {

    private final DynamoDbClient dynamoDb;
    private final String totalsTable;
    /** Held so the SnapStart registration lives as long as the handler. */
    private final SnapStartPriming priming;

    public NaiveVoteCountHandler() {
        this(LambdaClients.build(DynamoDbClient.class, DynamoDbClient::builder),
                FunctionEnvironment.require("TOTALS_TABLE"));
    }

    NaiveVoteCountHandler(DynamoDbClient dynamoDb, String totalsTable) {
        this.dynamoDb = dynamoDb;
        this.totalsTable = totalsTable;
        this.priming = SnapStartPriming.register(dynamoDb, totalsTable);
    }

    @Override
    public String handleRequest(DynamodbEvent event, Context context) {
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            var newImage = record.getDynamodb().getNewImage();
            if (newImage != null && newImage.containsKey("region") && newImage.containsKey("improvement")
                    && newImage.get("region").getS() != null && newImage.get("improvement").getS() != null) {
                dynamoDb.updateItem(b -> b.tableName(totalsTable)
                        .key(Map.of("region", AttributeValue.fromS(newImage.get("region").getS()),
                                "improvement", AttributeValue.fromS(newImage.get("improvement").getS())))
                        .updateExpression("ADD total_votes :one")
                        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
            }
        }
        return "Successfully processed " + event.getRecords().size() + " records.";
    }
}
