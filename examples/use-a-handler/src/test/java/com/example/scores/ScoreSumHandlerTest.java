package com.example.scores;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.ddbstreams.gamescores.GameScoreAggregator;
import dev.ddbstreams.gamescores.ScoreSumHandler;
import dev.ddbstreams.lambda.FunctionEnvironment;
import dev.ddbstreams.windows.Increment;
import dev.ddbstreams.windows.WindowDeltas;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The workshop's handler as this project would deploy it: built by its public no-argument
 * constructor from the environment the template sets, fed the JSON Lambda sends. A window's
 * invocation before its last only carries the sums in the window's state (no DynamoDB call), so
 * this test needs no table.
 */
class ScoreSumHandlerTest {

    /** What the function's template must set: the two tables and the quarantine bucket; Lambda sets AWS_REGION. */
    private static final Map<String, String> ENVIRONMENT = Map.of("AWS_REGION", "us-east-1",
            "SCORES_TABLE", "GameScoresByUser", "WINDOWS_TABLE", "GameScoreWindowsApplied",
            "QUARANTINE_BUCKET", "game-scores-quarantine");

    @Test
    void handleRequest_whenWindowNotFinal_sumsThePlayersScoresInTheState() throws Exception {
        DynamodbTimeWindowEvent event = EventLoader.loadEvent("events/score-window.json", DynamodbTimeWindowEvent.class);

        TimeWindowEventResponse response = FunctionEnvironment.callWith(ENVIRONMENT,
                () -> new ScoreSumHandler().handleRequest(event, null));

        List<Increment> sums = WindowDeltas.fromState(response.getState()).increments();
        assertThat(sums).singleElement().satisfies(increment -> {
            assertThat(increment.key()).isEqualTo(GameScoreAggregator.key("Jane Doe"));
            assertThat(increment.add().get(GameScoreAggregator.TOTAL)).isEqualByComparingTo("145.5");
            assertThat(increment.add().get(GameScoreAggregator.GAMES)).isEqualByComparingTo("2");
        });
    }
}
