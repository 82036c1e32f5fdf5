package dev.ddbstreams.gamescores.workload;

import dev.ddbstreams.gamescores.GameScoreAggregator;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads GameScoresByUser, and recounts it from GameScoreRecords: for labs and tests, not for Lambda. */
public final class ScoreTotals {

    /** Shown for a missing attribute, so that a comparison fails and prints the whole map. */
    private static final BigDecimal MISSING = new BigDecimal("-999999999");

    private ScoreTotals() {
    }

    /** Every player's item in the totals table, by Username. */
    public static Map<String, PlayerScores> read(DynamoDbClient dynamoDb, String totalsTable) {
        Map<String, PlayerScores> totals = new TreeMap<>();
        dynamoDb.scanPaginator(b -> b.tableName(totalsTable).consistentRead(true)).items().forEach(item ->
                totals.put(item.get(GameScoreAggregator.USERNAME).s(), new PlayerScores(
                        number(item, GameScoreAggregator.TOTAL), number(item, GameScoreAggregator.GAMES),
                        number(item, GameScoreAggregator.BEST))));
        return totals;
    }

    /**
     * The truth: per player, the sum, count and highest of the scores now in the records table
     * (records without a string Username and a number Score do not count, as in the aggregator).
     */
    public static Map<String, PlayerScores> recount(DynamoDbClient dynamoDb, String recordsTable) {
        Map<String, PlayerScores> recount = new TreeMap<>();
        dynamoDb.scanPaginator(b -> b.tableName(recordsTable).consistentRead(true)).items().forEach(item -> {
            AttributeValue username = item.get(GameScoreAggregator.USERNAME);
            AttributeValue score = item.get(GameScoreAggregator.TOTAL);
            if (username != null && username.s() != null && !username.s().isEmpty() && score != null
                    && score.n() != null) {
                add(recount, username.s(), new BigDecimal(score.n()));
            }
        });
        return recount;
    }

    /** Adds one score to a player's recount. */
    public static void add(Map<String, PlayerScores> recount, String username, BigDecimal score) {
        recount.merge(username, new PlayerScores(score, BigDecimal.ONE, score),
                (old, now) -> old.plus(score));
    }

    private static BigDecimal number(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        return value == null || value.n() == null ? MISSING : new BigDecimal(value.n());
    }
}
