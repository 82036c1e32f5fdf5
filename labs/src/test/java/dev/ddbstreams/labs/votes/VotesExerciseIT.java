package dev.ddbstreams.labs.votes;

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
import dev.ddbstreams.labs.votes.planted.DoubleCountOnRetry;
import dev.ddbstreams.labs.votes.planted.ModifyCountedAsVote;
import dev.ddbstreams.labs.votes.planted.PoisonBlocksShard;
import dev.ddbstreams.labs.votes.planted.RemoveIgnored;
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
 * Lab 01's exercise graded on the local cloud: the worked solution passes every scenario, the
 * untouched starter fails with its reasons, and a handler with one planted bug fails exactly the
 * scenarios that bug breaks (its own, and all-together, which has every fault and change at once).
 */
class VotesExerciseIT {

    private static final long SEED = 1;
    private static final VotesExercise EXERCISE = new VotesExercise();

    static Stream<Arguments> handlers() {
        return Stream.<Arguments>of(
                arguments("the worked solution", Optional.empty(), Set.of(),
                        List.of("[PASS] retries: 30 votes in ", "; Lambda retried ",
                                "the poison record is in the quarantine bucket")),
                arguments("the starter", Optional.of(EXERCISE.starterHandler()),
                        Set.of(QUIET, RETRIES, DUPLICATES, CRASH_AFTER_COMMIT, ALL_TOGETHER, POISON),
                        List.of("[FAIL] quiet: after 6 votes moved and 3 edited, ",
                                "a moved or edited vote (a MODIFY) was counted as one more vote",
                                "[FAIL] retries: after 30 new votes, ",
                                "a write made before a failed invocation was made again when Lambda retried the batch",
                                "[FAIL] duplicates: after 30 new votes, ", "a batch delivered twice was counted twice",
                                "[FAIL] poison: after 10 new votes, ", "the shard is stuck",
                                "hint: labs/01-vote-aggregation/README.md#exercise-step-1-a-quiet-run")),
                // One ADD per increment as it goes: a retry after a failure mid-batch repeats the ADDs made before it.
                arguments("double count on retry", handler(DoubleCountOnRetry.class),
                        Set.of(RETRIES, DUPLICATES, CRASH_AFTER_COMMIT, ALL_TOGETHER),
                        List.of("a batch retried after its writes committed was counted twice")),
                arguments("MODIFY counted as a vote", handler(ModifyCountedAsVote.class), Set.of(QUIET, ALL_TOGETHER),
                        List.of("[FAIL] quiet: after 6 votes moved and 3 edited, ")),
                arguments("REMOVE ignored", handler(RemoveIgnored.class), Set.of(QUIET, ALL_TOGETHER),
                        List.of("[FAIL] quiet: after 4 votes withdrawn, ",
                                "a withdrawn vote (a REMOVE) was not taken off its total")),
                arguments("poison blocking the shard", handler(PoisonBlocksShard.class), Set.of(POISON),
                        List.of("[FAIL] poison: ", "the shard is stuck", "primary key values must be under")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handlers")
    void grade_failsExactlyTheScenariosTheHandlerBreaks(String name, Optional<String> handler, Set<Scenario> failing,
            List<String> said, @TempDir Path work) throws Exception {
        StringWriter printed = new StringWriter();

        List<Scenario> failed = new ExerciseGrader(Path.of(".."), work, Duration.ofSeconds(60))
                .grade(EXERCISE, handler, List.of(Scenario.values()), SEED, new LabOutput(new PrintWriter(printed)));

        assertThat(failed).as(printed.toString()).containsExactlyInAnyOrderElementsOf(failing);
        assertThat(printed.toString()).contains(said);
    }

    private static Optional<String> handler(Class<?> handlerClass) {
        return Optional.of(handlerClass.getName() + "::handleRequest");
    }
}
