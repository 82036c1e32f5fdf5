package dev.ddbstreams.labs.votes;

import static dev.ddbstreams.labs.exercise.Scenario.ALL_TOGETHER;
import static dev.ddbstreams.labs.exercise.Scenario.CRASH_AFTER_COMMIT;
import static dev.ddbstreams.labs.exercise.Scenario.DUPLICATES;
import static dev.ddbstreams.labs.exercise.Scenario.POISON;
import static dev.ddbstreams.labs.exercise.Scenario.QUIET;
import static dev.ddbstreams.labs.exercise.Scenario.RETRIES;

import dev.ddbstreams.labs.exercise.Exercise;
import dev.ddbstreams.labs.exercise.GradedExerciseIT;
import dev.ddbstreams.labs.votes.planted.DoubleCountOnRetry;
import dev.ddbstreams.labs.votes.planted.ModifyCountedAsVote;
import dev.ddbstreams.labs.votes.planted.PoisonBlocksShard;
import dev.ddbstreams.labs.votes.planted.RemoveIgnored;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Lab 01's exercise graded on the local cloud: the worked solution passes every scenario, the
 * untouched starter fails with its reasons, and a handler with one planted bug fails exactly the
 * scenarios that bug breaks (its own, and all-together, which has every fault and change at once).
 */
class VotesExerciseIT extends GradedExerciseIT {

    private static final VotesExercise EXERCISE = new VotesExercise();

    @Test
    void theWorkedSolution_passesEveryScenario() throws Exception {
        assertGraded(Optional.empty(), Set.of(),
                "[PASS] retries: 30 votes in ", "; Lambda retried ",
                "the poison record is in the quarantine bucket");
    }

    @Test
    void theStarter_failsWithItsReasons() throws Exception {
        assertGraded(Optional.of(EXERCISE.starterHandler()),
                Set.of(QUIET, RETRIES, DUPLICATES, CRASH_AFTER_COMMIT, ALL_TOGETHER, POISON),
                "[FAIL] quiet: after 6 votes moved and 3 edited, ",
                "a moved or edited vote (a MODIFY) was counted as one more vote",
                "[FAIL] retries: after 30 new votes, ",
                "a write made before a failed invocation was made again when Lambda retried the batch",
                "[FAIL] duplicates: after 30 new votes, ", "a batch delivered twice was counted twice",
                "[FAIL] poison: after 10 new votes, ", "the shard is stuck",
                "hint: labs/01-vote-aggregation/README.md#exercise-step-1-a-quiet-run");
    }

    // One ADD per increment as it goes: a retry after a failure mid-batch repeats the ADDs made before it.
    @Test
    void doubleCountOnRetry_failsEveryScenarioThatRepeatsABatch() throws Exception {
        assertGraded(handler(DoubleCountOnRetry.class), Set.of(RETRIES, DUPLICATES, CRASH_AFTER_COMMIT, ALL_TOGETHER),
                "a batch retried after its writes committed was counted twice");
    }

    @Test
    void modifyCountedAsAVote_failsQuietAndAllTogether() throws Exception {
        assertGraded(handler(ModifyCountedAsVote.class), Set.of(QUIET, ALL_TOGETHER),
                "[FAIL] quiet: after 6 votes moved and 3 edited, ");
    }

    @Test
    void removeIgnored_failsQuietAndAllTogether() throws Exception {
        assertGraded(handler(RemoveIgnored.class), Set.of(QUIET, ALL_TOGETHER),
                "[FAIL] quiet: after 4 votes withdrawn, ",
                "a withdrawn vote (a REMOVE) was not taken off its total");
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
