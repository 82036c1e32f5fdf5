package dev.ddbstreams.labs.gamescores;

import dev.ddbstreams.gamescores.workload.PlayerScores;
import dev.ddbstreams.gamescores.workload.ScoreTotals;
import dev.ddbstreams.labs.exercise.TotalsExercise;
import dev.ddbstreams.localcloud.LocalCloud;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Lab 04's exercise: the learner's per-player score sums in place of ScoreSumFunction's handler. */
public final class ScoresExercise extends TotalsExercise {

    static final List<String> PLAYERS = List.of("alice", "bob", "carol", "dave", "erin", "frank");
    /** Longer than GameScoresByUser's partition key may be (2,048 bytes): a score that can never be summed. */
    static final String POISON_PLAYER = "poison-player-" + "x".repeat(2_086);

    private static final Wording WORDING = new Wording("scores", "points",
            "%d scores corrected or moved to another player and %d nicknames edited", "%d scores deleted",
            String.format("score whose Username is %,d characters long (GameScoresByUser's partition key takes at "
                    + "most 2,048 bytes)", POISON_PLAYER.length()), "poison-player-",
            "a corrected, moved or edited score (a MODIFY) was added as one more score instead of replacing the old one",
            "a moved score was taken off its old player but not added to the new one",
            "a deleted score (a REMOVE) was not taken off its player's total",
            "a deleted score was taken off more than once");

    @Override
    public String lab() {
        return "04-game-scores";
    }

    @Override
    public String template() {
        return "game-scores/template.yaml";
    }

    @Override
    public String function() {
        return "ScoreSumFunction";
    }

    @Override
    public String starterHandler() {
        return "dev.ddbstreams.labs.gamescores.exercise.ScoreCounter::handleRequest";
    }

    @Override
    public String starterSource() {
        return "labs/04-game-scores/exercise/dev/ddbstreams/labs/gamescores/exercise/ScoreCounter.java";
    }

    @Override
    protected Wording wording() {
        return WORDING;
    }

    @Override
    protected Map<String, BigDecimal> totals(DynamoDbClient dynamoDb) {
        return sums(ScoreTotals.read(dynamoDb, "GameScoresByUser"));
    }

    @Override
    protected Map<String, BigDecimal> recount(DynamoDbClient dynamoDb) {
        Map<String, BigDecimal> recount = sums(ScoreTotals.recount(dynamoDb, "GameScoreRecords"));
        recount.remove(POISON_PLAYER);
        return recount;
    }

    /** Each player's Score, zero totals left out as a recount has none. */
    private static Map<String, BigDecimal> sums(Map<String, PlayerScores> players) {
        Map<String, BigDecimal> sums = new TreeMap<>();
        players.forEach((player, scores) -> {
            if (scores.total().signum() != 0) {
                sums.put(player, scores.total());
            }
        });
        return sums;
    }

    @Override
    protected Source source(long seed) {
        return new ScoreBoard(seed);
    }

    /** Seeded scores recorded, corrected, moved, renamed and deleted, one PutItem or DeleteItem each. */
    private static final class ScoreBoard implements Source {

        private final SplittableRandom random;
        private final Map<Integer, Map<String, AttributeValue>> current = new LinkedHashMap<>();
        private int nextId = 1;

        ScoreBoard(long seed) {
            random = new SplittableRandom(seed);
        }

        @Override
        public void add(LocalCloud cloud, int count) {
            for (int i = 0; i < count; i++) {
                String player = pickPlayer();
                put(cloud, nextId++, player, 1 + random.nextInt(100), player);
            }
        }

        @Override
        public void addPoison(LocalCloud cloud) {
            put(cloud, nextId++, POISON_PLAYER, 50, "poison");
        }

        @Override
        public void change(LocalCloud cloud, int changed, int edited) {
            for (int i = 0; i < changed; i++) {
                int id = pickRecord();
                Map<String, AttributeValue> record = current.get(id);
                boolean corrected = i % 2 == 0;
                put(cloud, id, corrected ? record.get("Username").s() : pickPlayer(),
                        corrected ? 1 + random.nextInt(100) : Integer.parseInt(record.get("Score").n()),
                        record.get("Nickname").s());
            }
            for (int i = 0; i < edited; i++) {
                int id = pickRecord();
                Map<String, AttributeValue> record = current.get(id);
                put(cloud, id, record.get("Username").s(), Integer.parseInt(record.get("Score").n()), "renamed " + i);
            }
        }

        @Override
        public void remove(LocalCloud cloud, int count) {
            for (int i = 0; i < count; i++) {
                int id = pickRecord();
                cloud.dynamoDb().dynamoDbClient().deleteItem(b -> b.tableName("GameScoreRecords")
                        .key(Map.of("RecordID", AttributeValue.fromN(Integer.toString(id)))));
                current.remove(id);
            }
        }

        private void put(LocalCloud cloud, int id, String player, int score, String nickname) {
            Map<String, AttributeValue> record = Map.of("RecordID", AttributeValue.fromN(Integer.toString(id)),
                    "Username", AttributeValue.fromS(player), "Score", AttributeValue.fromN(Integer.toString(score)),
                    "Nickname", AttributeValue.fromS(nickname));
            cloud.dynamoDb().dynamoDbClient().putItem(b -> b.tableName("GameScoreRecords").item(record));
            current.put(id, record);
        }

        private int pickRecord() {
            return new ArrayList<>(current.keySet()).get(random.nextInt(current.size()));
        }

        private String pickPlayer() {
            return PLAYERS.get(random.nextInt(PLAYERS.size()));
        }
    }
}
