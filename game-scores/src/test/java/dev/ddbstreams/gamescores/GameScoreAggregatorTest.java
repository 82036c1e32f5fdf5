package dev.ddbstreams.gamescores;

import static dev.ddbstreams.gamescores.GameScoreAggregator.BEST;
import static dev.ddbstreams.gamescores.GameScoreAggregator.GAMES;
import static dev.ddbstreams.gamescores.GameScoreAggregator.TOTAL;
import static dev.ddbstreams.gamescores.GameScoreAggregator.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.ddbstreams.windows.Increment;
import dev.ddbstreams.windows.InvalidChangeException;
import dev.ddbstreams.windows.WindowDeltas;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.ChangeRecords;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GameScoreAggregatorTest {

    private final GameScoreAggregator aggregator = new GameScoreAggregator();

    @Test
    void increments_whenSeedTestEvent_addsJaneDoesScoreAsOneGame() {
        // The seed lab's test event, as is: an INSERT on a NEW_IMAGE stream.
        List<Increment> increments = aggregator.increments(record("seed-score-insert"));

        assertThat(increments).containsExactly(new Increment(key("Jane Doe"),
                Map.of(TOTAL, n("100"), GAMES, n("1")), Map.of(BEST, n("100")), Map.of()));
    }

    @Test
    void increments_whenScoreChanges_addsTheDifferenceAndRaisesBest() {
        assertThat(aggregator.increments(record("score-modify"))).containsExactly(new Increment(key("Jane Doe"),
                Map.of(TOTAL, n("45.5")), Map.of(BEST, n("145.5")), Map.of()));
    }

    @Test
    void increments_whenUsernameChanges_movesTheScoreToTheOtherPlayer() {
        assertThat(aggregator.increments(record("score-move"))).containsExactly(
                new Increment(key("Jane Doe"), Map.of(TOTAL, n("-145.5"), GAMES, n("-1")), Map.of(), Map.of()),
                new Increment(key("Ravi Kumar"), Map.of(TOTAL, n("90"), GAMES, n("1")), Map.of(BEST, n("90")),
                        Map.of()));
    }

    @Test
    void increments_whenRemove_subtractsAndLeavesBestScore() {
        assertThat(aggregator.increments(record("score-remove"))).containsExactly(
                new Increment(key("Ravi Kumar"), Map.of(TOTAL, n("-90"), GAMES, n("-1")), Map.of(), Map.of()));
    }

    @Test
    void windowDeltas_whenScoreInsertedRaisedAndRemoved_keepBestScoreAsHighWaterMark() {
        WindowDeltas deltas = new WindowDeltas();
        for (String fixture : List.of("score-modify", "score-move", "score-remove")) {
            aggregator.increments(record(fixture)).forEach(deltas::add);
        }

        // Jane lost the record and Ravi got and lost it: totals net out, best scores stay.
        assertThat(deltas.increments()).extracting(Increment::key, i -> i.atLeast().get(BEST))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(key("Jane Doe"), n("145.5")),
                        org.assertj.core.groups.Tuple.tuple(key("Ravi Kumar"), n("90")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"score-missing", "score-string", "score-no-username"})
    void increments_whenNoStringUsernameOrNumberScore_rejectsNamingThem(String fixture) {
        ChangeRecord record = record(fixture);

        assertThatThrownBy(() -> aggregator.increments(record))
                .isInstanceOf(InvalidChangeException.class)
                .hasMessageContaining("'Username'")
                .hasMessageContaining("'Score'");
    }

    static ChangeRecord record(String fixture) {
        return ChangeRecords.fromLambda(EventLoader.loadDynamoDbEvent("events/" + fixture + ".json")
                .getRecords().get(0));
    }

    private static BigDecimal n(String value) {
        return new BigDecimal(value);
    }
}
