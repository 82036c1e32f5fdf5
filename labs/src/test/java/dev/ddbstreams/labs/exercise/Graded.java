package dev.ddbstreams.labs.exercise;

import dev.ddbstreams.labs.LabOutput;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One handler graded on every scenario of an exercise with seed 1, as the exercise ITs do, run
 * from the labs module's folder: the scenarios that failed, and what the grader printed.
 */
public record Graded(List<Scenario> failed, String printed) {

    public static Graded grade(Exercise exercise, Optional<String> handler, Path work, Duration drainTimeout)
            throws InterruptedException, IOException {
        StringWriter printed = new StringWriter();
        List<Scenario> failed = new ExerciseGrader(Path.of(".."), work, drainTimeout)
                .grade(exercise, handler, List.of(Scenario.values()), 1, new LabOutput(new PrintWriter(printed)));
        return new Graded(failed, printed.toString());
    }

    /** A handler class as a template's {@code Handler} names it. */
    public static Optional<String> handler(Class<?> handlerClass) {
        return Optional.of(handlerClass.getName() + "::handleRequest");
    }
}
