package dev.ddbstreams.gamescores.workload;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A seeded mix of changes to GameScoreRecords: new score records, changed scores (often moved to
 * another player), deletes, and now and then a record that does not count (a score written as a
 * string, no Username). RecordIDs from 0 to {@code recordIds - 1}, players {@code player-0}...
 */
public final class ScoreWorkload {

    private final SplittableRandom random;
    private final int recordIds;
    private final int players;
    private final Set<Integer> existing = new HashSet<>();
    private final Map<String, BigDecimal> highWater = new HashMap<>();

    public ScoreWorkload(SplittableRandom random, int recordIds, int players) {
        this.random = random;
        this.recordIds = recordIds;
        this.players = players;
    }

    /** Makes one change, one request. */
    public void step(DynamoDbClient dynamoDb, String recordsTable) {
        int recordId = random.nextInt(recordIds);
        Map<String, AttributeValue> key = Map.of("RecordID", AttributeValue.fromN(Integer.toString(recordId)));
        if (existing.contains(recordId) && random.nextInt(100) < 20) {
            dynamoDb.deleteItem(b -> b.tableName(recordsTable).key(key));
            existing.remove(recordId);
            return;
        }
        // A put over an existing record is a MODIFY: a new score, often another player's.
        String player = "player-" + random.nextInt(players);
        BigDecimal score = BigDecimal.valueOf(random.nextInt(0, 50_000), random.nextInt(100) < 80 ? 2 : 0);
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put("Username", AttributeValue.fromS(player));
        item.put("Nickname", AttributeValue.fromS(player.toUpperCase(Locale.ROOT)));
        int shape = random.nextInt(100);
        if (shape < 2) {
            item.put("Score", AttributeValue.fromS(score.toPlainString()));
        } else if (shape < 4) {
            item.remove("Username");
            item.put("Score", AttributeValue.fromN(score.toPlainString()));
        } else {
            item.put("Score", AttributeValue.fromN(score.toPlainString()));
            highWater.merge(player, score, BigDecimal::max);
        }
        dynamoDb.putItem(b -> b.tableName(recordsTable).item(item));
        existing.add(recordId);
    }

    /** Each player's high-water mark: the best valid score ever written for them. */
    public Map<String, BigDecimal> highWater() {
        return Map.copyOf(highWater);
    }
}
