package dev.ddbstreams.labs.exercise;

import dev.ddbstreams.localcloud.LocalCloud;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * An exercise whose handler keeps totals per key from a table's stream (votes per region and
 * improvement, points per player), judged after each step against a recount of the table. The
 * quiet run adds, then changes, then removes items, so a wrong MODIFY or REMOVE shows at its own
 * step; the fault scenarios only add, so any difference there comes from the fault;
 * all-together does everything under every fault; poison adds one record that can never be
 * counted between valid ones, which must end in the function's quarantine bucket.
 */
public abstract class TotalsExercise implements Exercise {

    /** How many items each step writes: small, so a scenario takes seconds. */
    static final int ADDED = 20;
    static final int CHANGED = 6;
    static final int EDITED = 3;
    static final int REMOVED = 4;
    static final int ADDED_UNDER_FAULTS = 30;
    static final int AROUND_POISON = 10;

    /** The pattern's source table as a seeded writer: what each step does to it. */
    protected interface Source {

        void add(LocalCloud cloud, int count);

        /** Changes {@code changed} items so they count elsewhere or otherwise, and {@code edited} so they count the same. */
        void change(LocalCloud cloud, int changed, int edited);

        void remove(LocalCloud cloud, int count);

        /** Adds the one record that can never be counted. */
        void addPoison(LocalCloud cloud);
    }

    /**
     * The pattern's words.
     *
     * @param items what the source holds, plural: {@code votes}
     * @param unit what the totals add up: {@code votes}, {@code points}
     * @param changed what {@link Source#change} did, with the two counts: {@code %d votes moved and %d edited}
     * @param removed what {@link Source#remove} did, with the count: {@code %d votes withdrawn}
     * @param poison the poison record, after "a": {@code vote whose improvement is ...}
     * @param poisonId a text only the poison record holds, looked for in the quarantine bucket
     * @param changeTooHigh why a total is too high after the change step
     * @param changeTooLow why it is too low
     * @param removeTooHigh why a total is too high after the remove step
     * @param removeTooLow why it is too low
     */
    public record Wording(String items, String unit, String changed, String removed, String poison, String poisonId,
            String changeTooHigh, String changeTooLow, String removeTooHigh, String removeTooLow) {
    }

    protected abstract Source source(long seed);

    protected abstract Wording wording();

    /** The totals the handler wrote, by key ({@code NORTH/MORE_TREES}); zero totals left out. */
    protected abstract Map<String, BigDecimal> totals(DynamoDbClient dynamoDb);

    /** The same recounted from the source table, the poison record left out. */
    protected abstract Map<String, BigDecimal> recount(DynamoDbClient dynamoDb);

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
        Source source = source(seed);
        Wording words = wording();
        String counted = "a " + singular(words.items()) + " was counted more than once";
        String lost = "some " + words.items() + " were never counted";
        return switch (scenario) {
            case QUIET, ALL_TOGETHER -> List.of(
                    step(scenario, ADDED + " new " + words.items(), cloud -> source.add(cloud, ADDED), counted, lost),
                    step(scenario, String.format(words.changed(), CHANGED, EDITED),
                            cloud -> source.change(cloud, CHANGED, EDITED), words.changeTooHigh(), words.changeTooLow()),
                    step(scenario, String.format(words.removed(), REMOVED), cloud -> source.remove(cloud, REMOVED),
                            words.removeTooHigh(), words.removeTooLow()));
            case RETRIES, DUPLICATES, CRASH_AFTER_COMMIT -> List.of(step(scenario,
                    ADDED_UNDER_FAULTS + " new " + words.items(), cloud -> source.add(cloud, ADDED_UNDER_FAULTS),
                    counted, lost));
            case POISON -> List.of(new Step(AROUND_POISON + " new " + words.items() + ", a " + words.poison()
                    + ", then " + AROUND_POISON + " new " + words.items(), cloud -> {
                        source.add(cloud, AROUND_POISON);
                        source.addPoison(cloud);
                        source.add(cloud, AROUND_POISON);
                    }, cloud -> poisonCheck(cloud, counted, lost)));
        };
    }

    /** A step judged against the recount; under faults, a total too high may also be a batch counted twice. */
    private Step step(Scenario scenario, String what, Consumer<LocalCloud> write, String tooHigh, String tooLow) {
        String high = scenario.injectsFaults() ? scenario.countedTwice() + ", or " + tooHigh : tooHigh;
        return new Step(what, write, cloud -> {
            DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();
            return Totals.compare(totals(dynamoDb), recount(dynamoDb), wording().unit(), high, tooLow);
        });
    }

    /** The valid records counted exactly (none lost behind the poison record), and the poison record kept. */
    private Verdict poisonCheck(LocalCloud cloud, String counted, String lost) {
        DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();
        Verdict totals = Totals.compare(totals(dynamoDb), recount(dynamoDb), "valid " + wording().unit(), counted, lost);
        if (!totals.passed()) {
            return totals;
        }
        String bucket = cloud.deployments().get(0).template().function(function()).orElseThrow()
                .environment().get("QUARANTINE_BUCKET");
        if (!bucketHolds(cloud.workFolder().resolve("s3").resolve(bucket), wording().poisonId())) {
            return Verdict.fail("the valid " + wording().items() + " are counted, but the poison record is nowhere: "
                    + "keep a record that can never be counted whole in the quarantine bucket (QUARANTINE_BUCKET), "
                    + "where an operator can read it and redrive it");
        }
        return Verdict.pass(totals.detail() + "; the poison record is in the quarantine bucket");
    }

    private static boolean bucketHolds(Path bucket, String text) {
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

    private static String singular(String plural) {
        return plural.endsWith("s") ? plural.substring(0, plural.length() - 1) : plural;
    }
}
