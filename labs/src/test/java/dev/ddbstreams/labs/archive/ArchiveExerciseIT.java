package dev.ddbstreams.labs.archive;

import static dev.ddbstreams.labs.exercise.Scenario.ALL_TOGETHER;
import static dev.ddbstreams.labs.exercise.Scenario.POISON;
import static dev.ddbstreams.labs.exercise.Scenario.QUIET;
import static dev.ddbstreams.labs.exercise.Scenario.RETRIES;

import dev.ddbstreams.labs.archive.planted.FailedEntriesDropped;
import dev.ddbstreams.labs.archive.planted.OversizedThrows;
import dev.ddbstreams.labs.archive.planted.RemoveNotArchived;
import dev.ddbstreams.labs.exercise.Exercise;
import dev.ddbstreams.labs.exercise.GradedExerciseIT;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Lab 03's exercise graded on the local cloud: the worked solution (ArchiveHandler) passes every
 * scenario, the untouched starter fails with its reasons, and a handler with one planted bug fails
 * exactly the scenarios that bug breaks (its own, and all-together when that has its fault or change).
 */
class ArchiveExerciseIT extends GradedExerciseIT {

    private static final ArchiveExercise EXERCISE = new ArchiveExercise();

    @Test
    void theWorkedSolution_passesEveryScenario() throws Exception {
        assertGraded(Optional.empty(), Set.of(),
                "[PASS] quiet: ", "[PASS] retries: 30 changes archived in full, in ",
                "; Firehose failed ", "the oversized bill is in the quarantine bucket");
    }

    @Test
    void theStarter_failsWithItsReasons() throws Exception {
        assertGraded(Optional.of(EXERCISE.starterHandler()), Set.of(RETRIES, ALL_TOGETHER, POISON),
                "[PASS] quiet: ", "[FAIL] retries: after 30 new bills, ",
                "changes are not in the archive (", "were never sent again",
                "hint: labs/03-archive/README.md#exercise-step-2-retries-and-entries-firehose-did-not-accept",
                "[FAIL] poison: after 10 new bills, ", "the shard is stuck",
                "hint: labs/03-archive/README.md#exercise-step-4-a-change-too-big-for-firehose");
    }

    @Test
    void failedEntriesDropped_failsRetriesAndAllTogether() throws Exception {
        assertGraded(handler(FailedEntriesDropped.class), Set.of(RETRIES, ALL_TOGETHER),
                "[FAIL] retries: after 30 new bills, ", " INSERT), e.g. the INSERT of bill I#");
    }

    @Test
    void removeNotArchived_failsQuietAndAllTogether() throws Exception {
        assertGraded(handler(RemoveNotArchived.class), Set.of(QUIET, ALL_TOGETHER),
                "[FAIL] quiet: after 40 writes to 20 bills (new bills, payments, deletes), ",
                " REMOVE), e.g. the REMOVE of bill I#", "a REMOVE has no NewImage");
    }

    @Test
    void oversizedChangeThrown_failsPoison() throws Exception {
        assertGraded(handler(OversizedThrows.class), Set.of(POISON),
                "[FAIL] poison: ", "the shard is stuck", "over Firehose's record limit");
    }

    @Override
    protected Exercise exercise() {
        return EXERCISE;
    }
}
