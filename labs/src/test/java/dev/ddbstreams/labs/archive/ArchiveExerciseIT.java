package dev.ddbstreams.labs.archive;

import static dev.ddbstreams.labs.exercise.Scenario.ALL_TOGETHER;
import static dev.ddbstreams.labs.exercise.Scenario.POISON;
import static dev.ddbstreams.labs.exercise.Scenario.QUIET;
import static dev.ddbstreams.labs.exercise.Scenario.RETRIES;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.ddbstreams.labs.archive.planted.FailedEntriesDropped;
import dev.ddbstreams.labs.archive.planted.OversizedThrows;
import dev.ddbstreams.labs.archive.planted.RemoveNotArchived;
import dev.ddbstreams.labs.exercise.Exercise;
import dev.ddbstreams.labs.exercise.GradedExerciseIT;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Lab 03's exercise graded on the local cloud: the worked solution (ArchiveHandler) passes every
 * scenario, the untouched starter fails with its reasons, and a handler with one planted bug fails
 * exactly the scenarios that bug breaks (its own, and all-together when that has its fault or change).
 */
class ArchiveExerciseIT extends GradedExerciseIT {

    private static final ArchiveExercise EXERCISE = new ArchiveExercise();

    static Stream<Arguments> handlers() {
        return Stream.of(
                arguments("the worked solution", Optional.empty(), Set.of(),
                        List.of("[PASS] quiet: ", "[PASS] retries: 30 changes archived in full, in ",
                                "; Firehose failed ", "the oversized bill is in the quarantine bucket")),
                arguments("the starter", Optional.of(EXERCISE.starterHandler()), Set.of(RETRIES, ALL_TOGETHER, POISON),
                        List.of("[PASS] quiet: ", "[FAIL] retries: after 30 new bills, ",
                                "changes are not in the archive (", "were never sent again",
                                "hint: labs/03-archive/README.md#exercise-step-2-retries-and-entries-firehose-did-not-accept",
                                "[FAIL] poison: after 10 new bills, ", "the shard is stuck",
                                "hint: labs/03-archive/README.md#exercise-step-4-a-change-too-big-for-firehose")),
                arguments("failed entries dropped", handler(FailedEntriesDropped.class), Set.of(RETRIES, ALL_TOGETHER),
                        List.of("[FAIL] retries: after 30 new bills, ", " INSERT), e.g. the INSERT of bill I#")),
                arguments("REMOVE not archived", handler(RemoveNotArchived.class), Set.of(QUIET, ALL_TOGETHER),
                        List.of("[FAIL] quiet: after 40 writes to 20 bills (new bills, payments, deletes), ",
                                " REMOVE), e.g. the REMOVE of bill I#", "a REMOVE has no NewImage")),
                arguments("oversized change throws", handler(OversizedThrows.class), Set.of(POISON),
                        List.of("[FAIL] poison: ", "the shard is stuck", "over Firehose's record limit")));
    }

    @Override
    protected Exercise exercise() {
        return EXERCISE;
    }
}
