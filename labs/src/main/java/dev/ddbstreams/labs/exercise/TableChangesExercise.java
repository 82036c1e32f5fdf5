package dev.ddbstreams.labs.exercise;

import dev.ddbstreams.localcloud.LocalCloud;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * An exercise whose scenarios write to the pattern's source table and judge what the handler made
 * of it (totals, a replica) after each step. The quiet run adds, then changes, then removes items,
 * so a wrong MODIFY or REMOVE shows at its own step; the fault scenarios only add, so any
 * difference there comes from the fault; all-together does everything under every fault; poison
 * adds one record that can never succeed between valid ones, which must end in the function's
 * quarantine bucket. Every such lab's README has the same four exercise sections, which the hints
 * name.
 *
 * @param <S> the pattern's seeded writer of its source table
 */
public abstract class TableChangesExercise<S extends TableChangesExercise.Source> implements Exercise {

    /** How many items each step writes: small, so a scenario takes seconds. */
    static final int ADDED = 20;
    static final int CHANGED = 6;
    static final int EDITED = 3;
    static final int REMOVED = 4;
    static final int ADDED_UNDER_FAULTS = 30;
    static final int AROUND_POISON = 10;

    /** The pattern's source table as a seeded writer: what each step does to it. */
    public interface Source {

        void add(LocalCloud cloud, int count);

        /** Changes {@code changed} items in what the pattern looks at, and {@code edited} in another way. */
        void change(LocalCloud cloud, int changed, int edited);

        void remove(LocalCloud cloud, int count);

        /** Adds the one record that can never succeed. */
        void addPoison(LocalCloud cloud);
    }

    /** The step a check follows. */
    public enum After { ADDED, CHANGED, REMOVED, AROUND_POISON }

    /**
     * What the steps did, in the pattern's words.
     *
     * @param items what the source holds, plural: {@code votes}
     * @param handled what the handler does to each, past tense: {@code counted}, {@code replicated}
     * @param changed what {@link Source#change} did, with the two counts: {@code %d votes moved and %d edited}
     * @param removed what {@link Source#remove} did, with the count: {@code %d votes withdrawn}
     * @param poison the poison record, after "a": {@code vote whose improvement is ...}
     * @param poisonId a text only the poison record holds, looked for in the quarantine bucket
     */
    public record Words(String items, String handled, String changed, String removed, String poison,
            String poisonId) {
    }

    /** A fresh writer for one scenario. */
    protected abstract S source(long seed);

    protected abstract Words words();

    /**
     * The handler's result judged against the source once a step drained; {@link After#AROUND_POISON}
     * leaves the poison record out.
     */
    protected abstract Verdict check(LocalCloud cloud, S source, Scenario scenario, After after);

    @Override
    public String hint(Scenario scenario) {
        String section = switch (scenario) {
            case QUIET -> "exercise-step-1-a-quiet-run";
            case RETRIES -> "exercise-step-2-retries";
            case DUPLICATES, CRASH_AFTER_COMMIT, ALL_TOGETHER -> "exercise-step-3-duplicates-and-crashes-after-commit";
            case POISON -> "exercise-step-4-a-poison-record";
        };
        return "labs/" + lab() + "/README.md#" + section;
    }

    @Override
    public List<Step> steps(Scenario scenario, long seed) {
        S source = source(seed);
        Words words = words();
        return switch (scenario) {
            case QUIET, ALL_TOGETHER -> List.of(
                    step(source, scenario, ADDED + " new " + words.items(), cloud -> source.add(cloud, ADDED),
                            After.ADDED),
                    step(source, scenario, String.format(words.changed(), CHANGED, EDITED),
                            cloud -> source.change(cloud, CHANGED, EDITED), After.CHANGED),
                    step(source, scenario, String.format(words.removed(), REMOVED),
                            cloud -> source.remove(cloud, REMOVED), After.REMOVED));
            case RETRIES, DUPLICATES, CRASH_AFTER_COMMIT -> List.of(step(source, scenario,
                    ADDED_UNDER_FAULTS + " new " + words.items(), cloud -> source.add(cloud, ADDED_UNDER_FAULTS),
                    After.ADDED));
            case POISON -> List.of(new Step(AROUND_POISON + " new " + words.items() + ", a " + words.poison()
                    + ", then " + AROUND_POISON + " new " + words.items(), cloud -> {
                        source.add(cloud, AROUND_POISON);
                        source.addPoison(cloud);
                        source.add(cloud, AROUND_POISON);
                    }, cloud -> poisonCheck(cloud, source)));
        };
    }

    private Step step(S source, Scenario scenario, String what, Consumer<LocalCloud> write, After after) {
        return new Step(what, write, cloud -> check(cloud, source, scenario, after));
    }

    /** The valid records handled exactly (none lost behind the poison record), and the poison record kept. */
    private Verdict poisonCheck(LocalCloud cloud, S source) {
        Verdict valid = check(cloud, source, Scenario.POISON, After.AROUND_POISON);
        if (!valid.passed()) {
            return valid;
        }
        String bucket = cloud.deployments().get(0).template().function(function()).orElseThrow()
                .environment().get("QUARANTINE_BUCKET");
        if (!bucketHolds(cloud.workFolder().resolve("s3").resolve(bucket), words().poisonId())) {
            return Verdict.fail("the valid " + words().items() + " are " + words().handled() + ", but the poison "
                    + "record is nowhere: keep a record that can never be " + words().handled() + " whole in the "
                    + "quarantine bucket (QUARANTINE_BUCKET), where an operator can read it and redrive it");
        }
        return Verdict.pass(valid.detail() + "; the poison record is in the quarantine bucket");
    }

    private static boolean bucketHolds(Path bucket, String text) {
        if (!Files.isDirectory(bucket)) {
            return false;
        }
        try (Stream<Path> objects = Files.walk(bucket)) {
            return objects.filter(Files::isRegularFile).anyMatch(object -> {
                try {
                    return Files.readString(object, StandardCharsets.UTF_8).contains(text);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
