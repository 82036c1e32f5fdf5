package dev.ddbstreams.gamescores;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddbstreams.gamescores.workload.PlayerScores;
import dev.ddbstreams.gamescores.workload.ScoreTotals;
import dev.ddbstreams.gamescores.workload.ScoreWorkload;
import dev.ddbstreams.limits.DynamoDbLimits;
import dev.ddbstreams.localcloud.testing.Seeds;
import dev.ddbstreams.records.DynamoDbJson;
import dev.ddbstreams.records.Json;
import dev.ddbstreams.windows.testing.PoisonRun;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Poison score records of every permanent class, interleaved at random with the seeded score
 * workload on GameScoreRecords, ScoreSumFunction on the local cloud failing before and after its
 * writes and getting batches twice: every player's sum and game count equal a recount of the valid
 * records, every poison record is in the quarantine bucket with its content, and the trigger drains
 * within {@link #DRAIN} of the last write. 2,400 changes a seed, about 300 of them poison.
 *
 * <p>Sums past DynamoDB's numbers ("whales": scores of 38 digits, or near the largest magnitude,
 * whose sums soon cannot be stored) are no single record's fault: the window's increment of such a
 * player is refused at commit and quarantined. For them the sum in the table plus the quarantined
 * increments equals the recount, and some increments must have been refused.
 */
@ExtendWith(Seeds.class)
class ScorePoisonIT {

    /** The bound on draining: the window (1 s) and every retry the faults cause, with room to spare. */
    private static final Duration DRAIN = Duration.ofSeconds(90);
    private static final String RECORDS = "GameScoreRecords";
    private static final String TOTALS = "GameScoresByUser";
    private static final String BUCKET = "scores-poison-quarantinebucket";
    private static final int RECORD_IDS = 300;
    private static final int PLAYERS = 12;
    /** 38 significant digits with the last few set: two of them make 39. */
    private static final BigDecimal NEAR_38_DIGITS = new BigDecimal("5E+37");
    private static final BigDecimal NEAR_LARGEST = new BigDecimal("9E+125");
    private static final List<String> WHALES = List.of("whale-digits-1", "whale-digits-2", "whale-magnitude");

    private enum Poison {
        LONG_USERNAME, USERNAME_NUMBER, NO_USERNAME, SCORE_STRING, SCORE_39_DIGITS, SCORE_BOOL, NO_SCORE,
        MOVED_TO_LONG_USERNAME
    }

    static Stream<Named<Long>> seeds() {
        return Seeds.from(21);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void poisonScores_areQuarantined_andEveryPlayersSumEqualsTheRecount(long seed, @TempDir Path work)
            throws InterruptedException {
        try (PoisonRun run = PoisonRun.start(work, seed, Path.of("template.yaml"), "scores-poison", "ScoreSumFunction")) {
            DynamoDbClient dynamoDb = run.dynamoDb();
            ScoreWorkload workload = new ScoreWorkload(new SplittableRandom(seed), RECORD_IDS, PLAYERS);
            Map<String, Map<String, AttributeValue>> poison = new HashMap<>();

            run.interleave(2_400, 8, i -> workload.step(dynamoDb, RECORDS), i -> {
                String recordId = Integer.toString(100_000 + i);
                if (run.random().nextInt(4) == 0) {
                    dynamoDb.putItem(b -> b.tableName(RECORDS).item(whaleScore(recordId, run.random())));
                    return;
                }
                Poison kind = Poison.values()[run.random().nextInt(Poison.values().length)];
                Map<String, AttributeValue> item = poisonScore(kind, run.random());
                item.put("RecordID", AttributeValue.fromN(recordId));
                if (kind == Poison.MOVED_TO_LONG_USERNAME) {
                    Map<String, AttributeValue> valid = new HashMap<>(item);
                    valid.put("Username", AttributeValue.fromS("player-0"));
                    dynamoDb.putItem(b -> b.tableName(RECORDS).item(valid));
                }
                dynamoDb.putItem(b -> b.tableName(RECORDS).item(item));
                poison.put(recordId, item);
            });

            run.assertDrainsWithin(DRAIN, db -> assertThat(sums(ScoreTotals.read(db, TOTALS), false))
                    .isEqualTo(sums(ScoreTotals.recount(db, RECORDS), false)));
            List<JsonNode> quarantine = run.bucket(BUCKET);
            Map<String, JsonNode> records = new HashMap<>();
            Map<String, PlayerScores> refused = new TreeMap<>();
            for (JsonNode document : quarantine) {
                JsonNode record = document.path("record");
                if (document.path("eventSource").asText().equals("ddbstreams:window-increment")) {
                    assertThat(document.path("classification").asText()).isEqualTo("PERMANENT");
                    refused.merge(record.path("key").path("Username").path("S").asText(), new PlayerScores(
                            new BigDecimal(record.path("add").path("Score").asText()),
                            new BigDecimal(record.path("add").path("Games").asText()), BigDecimal.ZERO), ScorePoisonIT::plus);
                } else {
                    records.put(record.path("dynamodb").path("Keys").path("RecordID").path("N").asText(), record);
                }
            }
            assertThat(poison).isNotEmpty();
            poison.forEach((recordId, item) -> {
                assertThat(records).as("quarantined %s", recordId).containsKey(recordId);
                JsonNode image = records.get(recordId).path("dynamodb").path("NewImage");
                item.forEach((name, value) -> assertThat(image.path(name)).as("%s.%s", recordId, name)
                        .hasToString(Json.toJson(DynamoDbJson.toJsonValue(Map.of(name, value)).get(name))));
            });
            assertThat(refused).as("whales' sums refused at commit").isNotEmpty();
            Map<String, PlayerScores> whalesInTable = sums(ScoreTotals.read(dynamoDb, TOTALS), true);
            Map<String, PlayerScores> whalesRecounted = sums(ScoreTotals.recount(dynamoDb, RECORDS), true);
            Map<String, PlayerScores> whalesAccounted = new TreeMap<>(whalesInTable);
            refused.forEach((whale, increments) -> whalesAccounted.merge(whale, increments, ScorePoisonIT::plus));
            assertThat(whalesAccounted).isEqualTo(whalesRecounted);
        }
    }

    /** A score of a whale: valid alone, but a few of them add up to a sum DynamoDB cannot store. */
    private static Map<String, AttributeValue> whaleScore(String recordId, SplittableRandom random) {
        String whale = WHALES.get(random.nextInt(WHALES.size()));
        BigDecimal score = whale.equals("whale-magnitude") ? NEAR_LARGEST
                : NEAR_38_DIGITS.add(BigDecimal.valueOf(1 + random.nextInt(1_000)));
        return new HashMap<>(Map.of("RecordID", AttributeValue.fromN(recordId), "Username", AttributeValue.fromS(whale),
                "Score", AttributeValue.fromN(score.toString())));
    }

    private static Map<String, AttributeValue> poisonScore(Poison kind, SplittableRandom random) {
        String player = "player-" + random.nextInt(PLAYERS);
        AttributeValue score = AttributeValue.fromN(Integer.toString(random.nextInt(50_000)));
        Map<String, AttributeValue> item = new HashMap<>(Map.of("Username", AttributeValue.fromS(player), "Score", score,
                "Nickname", AttributeValue.fromS("POISON")));
        String longName = player + "-" + "u".repeat(DynamoDbLimits.MAX_PARTITION_KEY_BYTES + random.nextInt(100));
        switch (kind) {
            case LONG_USERNAME, MOVED_TO_LONG_USERNAME -> item.put("Username", AttributeValue.fromS(longName));
            case USERNAME_NUMBER -> item.put("Username", AttributeValue.fromN(Integer.toString(random.nextInt(100))));
            case NO_USERNAME -> item.remove("Username");
            case SCORE_STRING -> item.put("Score", AttributeValue.fromS(random.nextInt(100) + "abc"));
            case SCORE_39_DIGITS -> item.put("Score", AttributeValue.fromS("1".repeat(39 + random.nextInt(5))));
            case SCORE_BOOL -> item.put("Score", AttributeValue.fromBool(true));
            case NO_SCORE -> item.remove("Score");
        }
        return item;
    }

    /**
     * Sum and game count per player (best scores are high-water marks, checked by GameScoresIT),
     * of the whales or of everyone else; players with nothing left (0 and 0) are left out, and so
     * are Usernames no key can hold, which the recount sees but the sums never can.
     */
    private static Map<String, PlayerScores> sums(Map<String, PlayerScores> players, boolean whales) {
        Map<String, PlayerScores> sums = new TreeMap<>();
        players.forEach((player, scores) -> {
            boolean storable = player.getBytes(StandardCharsets.UTF_8).length <= DynamoDbLimits.MAX_PARTITION_KEY_BYTES;
            boolean empty = scores.total().signum() == 0 && scores.games().signum() == 0;
            if (storable && !empty && WHALES.contains(player) == whales) {
                sums.put(player, new PlayerScores(scores.total(), scores.games(), BigDecimal.ZERO));
            }
        });
        return sums;
    }

    private static PlayerScores plus(PlayerScores a, PlayerScores b) {
        return new PlayerScores(a.total().add(b.total()), a.games().add(b.games()), BigDecimal.ZERO);
    }
}
