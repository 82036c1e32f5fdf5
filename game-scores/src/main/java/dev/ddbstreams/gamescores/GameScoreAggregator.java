package dev.ddbstreams.gamescores;

import dev.ddbstreams.windows.ChangeAggregator;
import dev.ddbstreams.windows.Increment;
import dev.ddbstreams.windows.InvalidChangeException;
import dev.ddbstreams.windows.StatisticsAggregator;
import dev.ddbstreams.records.ChangeRecord;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A score record's effect on its player's item in {@code GameScoresByUser} (key {@code Username}):
 * {@value #TOTAL} (the sum of the player's scores, exact), {@value #GAMES} (how many score records
 * the player has) and {@value #BEST} (the highest score).
 *
 * <p>A score record counts when it has a non-empty string {@code Username} and a number
 * {@code Score}. INSERT adds it; MODIFY takes the old image out and puts the new one in, so a
 * changed score adjusts the total by the difference and a changed Username moves the score to the
 * other player; REMOVE (TTL deletes too) takes it out. So Score and Games are exact for the records
 * in the table now. An INSERT or MODIFY whose new image does not count, when its old image did not
 * either, is rejected with {@link InvalidChangeException} (skipped and reported by
 * WindowedAggregation); a MODIFY or REMOVE without an old image too (the stream must be
 * NEW_AND_OLD_IMAGES).
 *
 * <p><b>BestScore is a high-water mark</b>: the highest score any record of the player has held
 * since aggregation began, including scores since lowered or deleted. A REMOVE or a lowered score
 * never lowers it, because lowering a maximum needs the player's other scores, which the change
 * does not carry (aggregation/STATISTICS.md: "high-water marks" and the exact alternatives).
 *
 * <p>The rules are {@link StatisticsAggregator}'s (group by Username, value Score), reused rather
 * than copied; this class only names the attributes as the seed's table has them and drops the
 * minimum, which the game does not show.
 */
public final class GameScoreAggregator implements ChangeAggregator {

    public static final String USERNAME = "Username";
    public static final String TOTAL = "Score";
    public static final String GAMES = "Games";
    public static final String BEST = "BestScore";

    private static final Map<String, String> RENAMED = Map.of(StatisticsAggregator.SUM, TOTAL,
            StatisticsAggregator.COUNT, GAMES, StatisticsAggregator.MAX, BEST);

    private final StatisticsAggregator statistics = new StatisticsAggregator(USERNAME, TOTAL);

    @Override
    public List<Increment> increments(ChangeRecord record) {
        return statistics.increments(record).stream()
                .map(increment -> new Increment(increment.key(), renamed(increment.add()),
                        renamed(increment.atLeast()), Map.of()))
                .toList();
    }

    /** The GameScoresByUser key of a player. */
    public static Map<String, AttributeValue> key(String username) {
        return Map.of(USERNAME, AttributeValue.fromS(username));
    }

    private static Map<String, BigDecimal> renamed(Map<String, BigDecimal> values) {
        Map<String, BigDecimal> renamed = new HashMap<>();
        values.forEach((attribute, value) -> renamed.put(RENAMED.get(attribute), value));
        return renamed;
    }
}
