package dev.ddbstreams.labs.gamescores;

import static dev.ddbstreams.labs.exercise.Scenario.ALL_TOGETHER;
import static dev.ddbstreams.labs.exercise.Scenario.CRASH_AFTER_COMMIT;
import static dev.ddbstreams.labs.exercise.Scenario.DUPLICATES;
import static dev.ddbstreams.labs.exercise.Scenario.POISON;
import static dev.ddbstreams.labs.exercise.Scenario.QUIET;
import static dev.ddbstreams.labs.exercise.Scenario.RETRIES;

import dev.ddbstreams.labs.exercise.Exercise;
import dev.ddbstreams.labs.exercise.GradedExerciseIT;
import dev.ddbstreams.labs.gamescores.planted.DoubleCountOnRetry;
import dev.ddbstreams.labs.gamescores.planted.ModifyCountedAsScore;
import dev.ddbstreams.labs.gamescores.planted.PoisonBlocksShard;
import dev.ddbstreams.labs.gamescores.planted.RemoveIgnored;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Lab 04's exercise graded on the local cloud: the worked solution (ScoreSumHandler) passes every
 * scenario, the untouched starter fails with its reasons, and a handler with one planted bug (the
 * same four as lab 01's, on scores) fails exactly the scenarios that bug breaks.
 */
class ScoresExerciseIT extends GradedExerciseIT {

    private static final ScoresExercise EXERCISE = new ScoresExercise();

    @Test
    void theWorkedSolution_passesEveryScenario() throws Exception {
        assertGraded(Optional.empty(), Set.of(),
                "[PASS] quiet: ", " points in ", "the poison record is in the quarantine bucket");
    }

    @Test
    void theStarter_failsWithItsReasons() throws Exception {
        assertGraded(Optional.of(EXERCISE.starterHandler()),
                Set.of(QUIET, RETRIES, DUPLICATES, CRASH_AFTER_COMMIT, ALL_TOGETHER, POISON),
                "[FAIL] quiet: after 6 scores corrected or moved to another player and 3 nicknames edited, ",
                "(a MODIFY) was added as one more score", "[FAIL] retries: after 30 new scores, ",
                "[FAIL] poison: after 10 new scores, ", "the shard is stuck",
                "hint: labs/04-game-scores/README.md#exercise-step-4-a-poison-record");
    }

    @Test
    void doubleCountOnRetry_failsEveryScenarioThatRepeatsABatch() throws Exception {
        assertGraded(handler(DoubleCountOnRetry.class), Set.of(RETRIES, DUPLICATES, CRASH_AFTER_COMMIT, ALL_TOGETHER),
                "[FAIL] crash-after-commit: after 30 new scores, ",
                "a batch retried after its writes committed was counted twice");
    }

    @Test
    void modifyCountedAsANewScore_failsQuietAndAllTogether() throws Exception {
        assertGraded(handler(ModifyCountedAsScore.class), Set.of(QUIET, ALL_TOGETHER),
                "[FAIL] quiet: after 6 scores corrected or moved to another player and 3 nicknames edited, ",
                "(a MODIFY) was added as one more score");
    }

    @Test
    void removeIgnored_failsQuietAndAllTogether() throws Exception {
        assertGraded(handler(RemoveIgnored.class), Set.of(QUIET, ALL_TOGETHER),
                "[FAIL] quiet: after 4 scores deleted, ",
                "a deleted score (a REMOVE) was not taken off its player's total");
    }

    @Test
    void poisonBlockingTheShard_failsPoison() throws Exception {
        assertGraded(handler(PoisonBlocksShard.class), Set.of(POISON),
                "[FAIL] poison: ", "the shard is stuck", "cannot count record");
    }

    @Override
    protected Exercise exercise() {
        return EXERCISE;
    }
}
