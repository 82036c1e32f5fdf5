package dev.ddbstreams.labs.gamescores;

import static dev.ddbstreams.labs.exercise.Scenario.ALL_TOGETHER;
import static dev.ddbstreams.labs.exercise.Scenario.CRASH_AFTER_COMMIT;
import static dev.ddbstreams.labs.exercise.Scenario.DUPLICATES;
import static dev.ddbstreams.labs.exercise.Scenario.POISON;
import static dev.ddbstreams.labs.exercise.Scenario.QUIET;
import static dev.ddbstreams.labs.exercise.Scenario.RETRIES;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.ddbstreams.labs.exercise.Exercise;
import dev.ddbstreams.labs.exercise.GradedExerciseIT;
import dev.ddbstreams.labs.gamescores.planted.DoubleCountOnRetry;
import dev.ddbstreams.labs.gamescores.planted.ModifyCountedAsScore;
import dev.ddbstreams.labs.gamescores.planted.PoisonBlocksShard;
import dev.ddbstreams.labs.gamescores.planted.RemoveIgnored;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Lab 04's exercise graded on the local cloud: the worked solution (ScoreSumHandler) passes every
 * scenario, the untouched starter fails with its reasons, and a handler with one planted bug (the
 * same four as lab 01's, on scores) fails exactly the scenarios that bug breaks.
 */
class ScoresExerciseIT extends GradedExerciseIT {

    private static final ScoresExercise EXERCISE = new ScoresExercise();

    static Stream<Arguments> handlers() {
        return Stream.<Arguments>of(
                arguments("the worked solution", Optional.empty(), Set.of(),
                        List.of("[PASS] quiet: ", " points in ", "the poison record is in the quarantine bucket")),
                arguments("the starter", Optional.of(EXERCISE.starterHandler()),
                        Set.of(QUIET, RETRIES, DUPLICATES, CRASH_AFTER_COMMIT, ALL_TOGETHER, POISON),
                        List.of("[FAIL] quiet: after 6 scores corrected or moved to another player and 3 nicknames edited, ",
                                "(a MODIFY) was added as one more score", "[FAIL] retries: after 30 new scores, ",
                                "[FAIL] poison: after 10 new scores, ", "the shard is stuck",
                                "hint: labs/04-game-scores/README.md#exercise-step-4-a-poison-record")),
                arguments("double count on retry", handler(DoubleCountOnRetry.class),
                        Set.of(RETRIES, DUPLICATES, CRASH_AFTER_COMMIT, ALL_TOGETHER),
                        List.of("[FAIL] crash-after-commit: after 30 new scores, ",
                                "a batch retried after its writes committed was counted twice")),
                arguments("MODIFY counted as a new score", handler(ModifyCountedAsScore.class),
                        Set.of(QUIET, ALL_TOGETHER),
                        List.of("[FAIL] quiet: after 6 scores corrected or moved to another player and 3 nicknames edited, ",
                                "(a MODIFY) was added as one more score")),
                arguments("REMOVE ignored", handler(RemoveIgnored.class), Set.of(QUIET, ALL_TOGETHER),
                        List.of("[FAIL] quiet: after 4 scores deleted, ",
                                "a deleted score (a REMOVE) was not taken off its player's total")),
                arguments("poison blocking the shard", handler(PoisonBlocksShard.class), Set.of(POISON),
                        List.of("[FAIL] poison: ", "the shard is stuck", "cannot count record")));
    }

    @Override
    protected Exercise exercise() {
        return EXERCISE;
    }
}
