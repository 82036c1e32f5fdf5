package dev.ddbstreams.labs.exercise;

import dev.ddbstreams.labs.LabOutput;
import dev.ddbstreams.labs.WorkFolders;
import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.lambda.FunctionFaults;
import dev.ddbstreams.localcloud.trigger.StreamTrigger;
import dev.ddbstreams.localcloud.trigger.TriggerStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Grades a handler on an exercise's scenarios: each in a fresh local cloud running the lab's
 * template with only the exercise's function, its handler swapped for the one graded, and its
 * trigger's BatchSize lowered to {@link #BATCH_SIZE} so the few records of a scenario make
 * enough batches for the faults to strike (a correct handler is correct at any batch size).
 * After each step it waits for the trigger to drain, then checks; the first failed check fails
 * the scenario.
 *
 * @param repository the repository's root, where the templates are
 * @param workFolder each scenario's local cloud works in a folder of its own below it (logs, buckets)
 * @param drainTimeout how long a step's records may take to drain before the scenario fails
 */
public record ExerciseGrader(Path repository, Path workFolder, Duration drainTimeout) {

    static final int BATCH_SIZE = 5;
    /** Lambda polls four times a second; faster here, so a scenario takes seconds. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    /** With no fault injected, this many failed invocations mean the shard is stuck (retried forever). */
    static final int STUCK_AFTER_ERRORS = 5;
    /** How much of the handler's last error a failure quotes. */
    private static final int ERROR_LENGTH = 200;

    /**
     * Runs the scenarios in order and prints each as {@code [PASS]} or {@code [FAIL]}, a failure
     * with the README section that explains it.
     *
     * @param handler the handler to grade; empty for the template's own (the worked solution)
     * @return the scenarios that failed
     */
    public List<Scenario> grade(Exercise exercise, Optional<String> handler, List<Scenario> scenarios, long seed,
            LabOutput out) throws InterruptedException, IOException {
        List<Scenario> failed = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            Verdict verdict = run(exercise, handler, scenario, seed);
            out.check(verdict.passed(), scenario.label(), verdict.detail());
            if (!verdict.passed()) {
                out.say("         hint: %s", exercise.hint(scenario));
                failed.add(scenario);
            }
        }
        return failed;
    }

    /** One scenario on a fresh local cloud. */
    public Verdict run(Exercise exercise, Optional<String> handler, Scenario scenario, long seed)
            throws InterruptedException, IOException {
        Path folder = workFolder.resolve(scenario.label());
        WorkFolders.clear(folder);
        LocalCloud.Builder builder = LocalCloud.builder().workFolder(folder).pollInterval(POLL_INTERVAL);
        if (scenario.injectsFaults()) {
            builder.faults(exercise.function(), FunctionFaults.parse(scenario.faults() + ",seed=" + seed));
        }
        exercise.addFaults(builder, scenario, seed);
        try (LocalCloud cloud = builder.start()) {
            cloud.deploy(repository.resolve(exercise.template()), "workshop-check", Map.of(),
                    function -> function.logicalId().equals(exercise.function()),
                    function -> handler.map(function::withHandler).orElse(function),
                    trigger -> trigger.withBatchSize(BATCH_SIZE));
            Verdict last = Verdict.fail("the scenario has no steps");
            for (Step step : exercise.steps(scenario, seed)) {
                step.write().accept(cloud);
                Optional<String> notDrained = awaitDrained(exercise, cloud, scenario);
                if (notDrained.isPresent()) {
                    return Verdict.fail("after " + step.what() + ", " + notDrained.get());
                }
                last = step.check().apply(cloud);
                if (!last.passed()) {
                    return Verdict.fail("after " + step.what() + ", " + last.detail() + faultsStruck(cloud));
                }
            }
            return Verdict.pass(last.detail() + faultsStruck(cloud));
        }
    }

    /** @return why the trigger did not drain, if it did not */
    private Optional<String> awaitDrained(Exercise exercise, LocalCloud cloud, Scenario scenario)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(drainTimeout);
        while (!cloud.awaitIdle(Duration.ofMillis(250))) {
            for (StreamTrigger trigger : cloud.triggers()) {
                TriggerStatus status = trigger.status();
                long errors = status.counts().functionErrors() + status.counts().timeouts();
                // Under injected faults, a handler's own error must repeat longer to tell it from bad luck.
                int stuckAfter = scenario.injectsFaults() ? 3 * STUCK_AFTER_ERRORS : STUCK_AFTER_ERRORS;
                if (errors >= stuckAfter && !status.lastResult().contains("(injected fault")) {
                    return Optional.of("the shard is stuck: Lambda invoked your handler with the same batch "
                            + errors + " times and it failed each time (" + lastError(status) + "); "
                            + whatLambdaDoesNext(status) + exercise.behindStuckShard(cloud));
                }
            }
            if (Instant.now().isAfter(deadline)) {
                return Optional.of("the stream did not drain within " + drainTimeout.toSeconds() + " s (last: "
                        + cloud.triggers().stream().map(t -> lastError(t.status())).toList() + ")");
            }
        }
        return Optional.empty();
    }

    /** What the trigger's settings make Lambda do with a batch that keeps failing. */
    private static String whatLambdaDoesNext(TriggerStatus status) {
        int retries = status.settings().maximumRetryAttempts();
        if (retries < 0) {
            return "with MaximumRetryAttempts " + retries + " it retries until the records expire, 24 hours later, "
                    + "and nothing behind them is processed";
        }
        return "it retries " + retries + " times, then gives the batch up: its records never reach your handler again";
    }

    /** The latest invocation's outcome without its time and shard: what the handler threw, say. */
    private static String lastError(TriggerStatus status) {
        String last = status.lastResult();
        int shard = last.indexOf(" from shard ");
        int why = shard < 0 ? -1 : last.indexOf(": ", shard);
        String error = why < 0 ? last : last.substring(why + 2);
        return error.length() <= ERROR_LENGTH ? error : error.substring(0, ERROR_LENGTH) + "…";
    }

    /** What the faults did, so a pass under faults shows they struck: {@code ; Lambda retried 9 times}. */
    private static String faultsStruck(LocalCloud cloud) {
        long retries = 0;
        long duplicates = 0;
        for (StreamTrigger trigger : cloud.triggers()) {
            retries += trigger.status().counts().retries();
            duplicates += trigger.status().counts().duplicateDeliveries();
        }
        List<String> parts = new ArrayList<>();
        if (retries > 0) {
            parts.add("retried " + retries + (retries == 1 ? " time" : " times"));
        }
        if (duplicates > 0) {
            parts.add("delivered " + duplicates + (duplicates == 1 ? " batch" : " batches") + " twice");
        }
        return parts.isEmpty() ? "" : "; Lambda " + String.join(" and ", parts);
    }
}
