package dev.ddbstreams.labs.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.labs.LabOutput;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;

/**
 * One lab's exercise graded on the local cloud, every scenario, seed 1: each subclass has a test
 * per handler it grades (the worked solution, the untouched starter, handlers with one planted
 * bug), each stating the exact set of scenarios that handler must fail and what the grader must
 * print.
 */
public abstract class GradedExerciseIT {

    private static final long SEED = 1;
    /** Generous: the ITs of several modules share two busy cores. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path work;

    protected abstract Exercise exercise();

    /**
     * Grades {@code handler} (empty: the worked solution) on every scenario and asserts that it
     * failed exactly {@code failing} and that the grader printed each of {@code said}.
     */
    protected void assertGraded(Optional<String> handler, Set<Scenario> failing, String... said) throws Exception {
        StringWriter printed = new StringWriter();

        List<Scenario> failed = new ExerciseGrader(Path.of(".."), work, DRAIN_TIMEOUT)
                .grade(exercise(), handler, List.of(Scenario.values()), SEED, new LabOutput(new PrintWriter(printed)));

        assertThat(failed).as(printed.toString()).containsExactlyInAnyOrderElementsOf(failing);
        assertThat(printed.toString()).contains(said);
    }

    /** A planted-bug handler class as a template's Handler names it. */
    protected static Optional<String> handler(Class<?> handlerClass) {
        return Optional.of(handlerClass.getName() + "::handleRequest");
    }
}
