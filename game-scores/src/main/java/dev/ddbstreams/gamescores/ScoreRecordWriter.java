package dev.ddbstreams.gamescores;

import dev.ddbstreams.limits.DynamoDbLimits;
import dev.ddbstreams.limits.LimitViolationException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Writes score records into {@code GameScoreRecords} (key {@code RecordID}, N), each at most once:
 * a put on the condition that no item has that RecordID yet. An item over DynamoDB's limits (a
 * Nickname that makes it over 400 KB) is refused before the call, with a
 * {@link LimitViolationException} naming the limit.
 */
public final class ScoreRecordWriter {

    public static final String RECORD_ID = "RecordID";
    /** Where the record came from ({@code <shardId>:<sequenceNumber>}), to trace a score back to Kinesis. */
    public static final String KINESIS_EVENT_ID = "KinesisEventID";

    private static final DynamoDbLimits LIMITS = DynamoDbLimits.forTable(RECORD_ID);

    private final DynamoDbClient dynamoDb;
    private final String table;

    public ScoreRecordWriter(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /**
     * @return true if written now, false if the record was already there (a redelivery)
     * @throws LimitViolationException if the item is over one of DynamoDB's limits
     */
    public boolean putIfAbsent(BigInteger recordId, ScoreEvent event, String kinesisEventId) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(RECORD_ID, AttributeValue.fromN(recordId.toString()));
        item.put("Username", AttributeValue.fromS(event.username()));
        item.put("Score", AttributeValue.fromN(event.score().toPlainString()));
        event.nickname().ifPresent(nickname -> item.put("Nickname", AttributeValue.fromS(nickname)));
        item.put(KINESIS_EVENT_ID, AttributeValue.fromS(kinesisEventId));
        LIMITS.requireValidItem(item);
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#id)")
                    .expressionAttributeNames(Map.of("#id", RECORD_ID)));
            return true;
        } catch (ConditionalCheckFailedException alreadyWritten) {
            return false;
        }
    }
}
