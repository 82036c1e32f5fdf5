package dev.ddbstreams.cli;

import dev.ddbstreams.labs.LabOutput;
import dev.ddbstreams.labs.exercise.Exercise;
import dev.ddbstreams.labs.exercise.ExerciseGrader;
import dev.ddbstreams.labs.exercise.Exercises;
import dev.ddbstreams.labs.exercise.Scenario;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code ./workshop check <lab> [--reference] [--seed N] [--scenario NAME]}: grades the learner's
 * handler of a lab's exercise (or, with {@code --reference}, the module's own) on the local cloud,
 * scenario by scenario; exits 1 while any scenario fails.
 */
@Command(name = "check",
        description = "Grades your handler of a lab's exercise on the local cloud, scenario by scenario ("
                + "quiet, retries, duplicates, crash-after-commit, all-together, poison); exits 1 while one fails.")
final class CheckCommand extends WorkshopCommand {

    /** How long one step's records may take to drain: the window, and every retry its faults cause. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    @Parameters(index = "0", paramLabel = "<lab>", completionCandidates = ExerciseLabs.class,
            description = "A lab with an exercise: ${COMPLETION-CANDIDATES}.")
    String lab;

    @Option(names = "--reference",
            description = "Grade the module's own handler, the worked solution, instead of yours.")
    boolean reference;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "The seed of the changes written and the faults drawn (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--scenario", paramLabel = "NAME",
            description = "Run only this scenario (repeatable): quiet, retries, duplicates, crash-after-commit, "
                    + "all-together, poison. Default: all, in that order.")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--work-folder", paramLabel = "DIR", defaultValue = ".workshop/check",
            description = "Where each scenario's function logs and buckets go (default: ${DEFAULT-VALUE}).")
    Path workFolder;

    /** For picocli's help and completion. */
    static final class ExerciseLabs extends ArrayList<String> {
        ExerciseLabs() {
            super(Exercises.all().stream().map(Exercise::lab).toList());
        }
    }

    @Override
    public Integer call() throws Exception {
        Exercise exercise = Exercises.named(lab).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "no exercise for lab '" + lab + "'; labs with an exercise: " + String.join(", ", new ExerciseLabs())));
        List<Scenario> chosen = chosenScenarios();
        PrintWriter out = spec.commandLine().getOut();
        if (reference) {
            out.printf("== check %s --reference: %s's own handler (the worked solution), %s, seed %d%n", lab,
                    exercise.function(), exercise.template(), seed);
        } else {
            out.printf("== check %s: your handler, %s, as %s in %s, seed %d%n", lab, exercise.starterSource(),
                    exercise.function(), exercise.template(), seed);
        }
        Path folder = workFolder.resolve(lab);
        List<Scenario> failed = new ExerciseGrader(Path.of(""), folder, DRAIN_TIMEOUT).grade(exercise,
                reference ? Optional.empty() : Optional.of(exercise.starterHandler()), chosen, seed, new LabOutput(out));
        if (!failed.isEmpty()) {
            out.printf("%n%d of %d scenarios failed: %s. Function logs: %s/<scenario>/logs/%n", failed.size(),
                    chosen.size(), failed.stream().map(Scenario::label).collect(Collectors.joining(", ")), folder);
            return UserErrorHandler.FAILED;
        }
        out.printf("%nAll %d scenarios passed.%n", chosen.size());
        return 0;
    }

    private List<Scenario> chosenScenarios() {
        if (scenarios.isEmpty()) {
            return List.of(Scenario.values());
        }
        try {
            return scenarios.stream().map(Scenario::labelled).toList();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
