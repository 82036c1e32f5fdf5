package dev.ddbstreams.labs.gamescores;

import static dev.ddbstreams.labs.exercise.Scenario.ALL_TOGETHER;
import static dev.ddbstreams.labs.exercise.Scenario.CRASH_AFTER_COMMIT;
import static dev.ddbstreams.labs.exercise.Scenario.DUPLICATES;
import static dev.ddbstreams.labs.exercise.Scenario.POISON;
import static dev.ddbstreams.labs.exercise.Scenario.QUIET;
import static dev.ddbstreams.labs.exercise.Scenario.RETRIES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.ddbstreams.labs.LabOutput;
import dev.ddbstreams.labs.exercise.ExerciseGrader;
import dev.ddbstreams.labs.exercise.Scenario;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lab 04's exercise on the shared grader: the worked solution (ScoreSumHandler) passes every
 * scenario, the untouched starter fails with its reasons. The planted bugs are VotesExerciseIT's:
 * the scenarios and their checks are the same code for both labs.
 */
class ScoresExerciseIT {

    private static final ScoresExercise EXERCISE = new ScoresExercise();

    static Stream<Arguments> handlers() {
        return Stream.of(
                arguments("the worked solution", Optional.empty(), Set.of(),
                        List.of("[PASS] quiet: ", " points in ", "the poison record is in the quarantine bucket")),
                arguments("the starter", Optional.of(EXERCISE.starterHandler()),
                        Set.of(QUIET, RETRIES, DUPLICATES, CRASH_AFTER_COMMIT, ALL_TOGETHER, POISON),
                        List.of("[FAIL] quiet: after 6 scores corrected or moved to another player and 3 nicknames edited, ",
                                "(a MODIFY) was added as one more score", "[FAIL] retries: after 30 new scores, ",
                                "[FAIL] poison: after 10 new scores, ", "the shard is stuck",
                                "hint: labs/04-game-scores/README.md#exercise-step-4-a-poison-record")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handlers")
    void grade_failsExactlyTheScenariosTheHandlerBreaks(String name, Optional<String> handler, Set<Scenario> failing,
            List<String> said, @TempDir Path work) throws Exception {
        StringWriter printed = new StringWriter();

        List<Scenario> failed = new ExerciseGrader(Path.of(".."), work, Duration.ofSeconds(60))
                .grade(EXERCISE, handler, List.of(Scenario.values()), 1, new LabOutput(new PrintWriter(printed)));

        assertThat(failed).as(printed.toString()).containsExactlyInAnyOrderElementsOf(failing);
        assertThat(printed.toString()).contains(said);
    }
}
