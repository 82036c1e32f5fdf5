package dev.ddbstreams.labs.exercise;

import dev.ddbstreams.localcloud.LocalCloud;
import java.math.BigDecimal;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * An exercise whose handler keeps totals per key from a table's stream (votes per region and
 * improvement, points per player), judged after each step against a recount of the table.
 */
public abstract class TotalsExercise extends TableChangesExercise<TableChangesExercise.Source> {

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

    protected abstract Wording wording();

    /** The totals the handler wrote, by key ({@code NORTH/MORE_TREES}); zero totals left out. */
    protected abstract Map<String, BigDecimal> totals(DynamoDbClient dynamoDb);

    /** The same recounted from the source table, the poison record left out. */
    protected abstract Map<String, BigDecimal> recount(DynamoDbClient dynamoDb);

    @Override
    protected Words words() {
        Wording wording = wording();
        return new Words(wording.items(), "counted", wording.changed(), wording.removed(), wording.poison(),
                wording.poisonId());
    }

    /** Under faults, a total too high may also be a batch counted twice. */
    @Override
    protected Verdict check(LocalCloud cloud, Source source, Scenario scenario, After after) {
        Wording words = wording();
        String counted = "a " + singular(words.items()) + " was counted more than once";
        String lost = "some " + words.items() + " were never counted";
        String tooHigh = switch (after) {
            case ADDED, AROUND_POISON -> counted;
            case CHANGED -> words.changeTooHigh();
            case REMOVED -> words.removeTooHigh();
        };
        String tooLow = switch (after) {
            case ADDED, AROUND_POISON -> lost;
            case CHANGED -> words.changeTooLow();
            case REMOVED -> words.removeTooLow();
        };
        String high = scenario.injectsFaults() ? scenario.countedTwice() + ", or " + tooHigh : tooHigh;
        String unit = after == After.AROUND_POISON ? "valid " + words.unit() : words.unit();
        DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();
        return Totals.compare(totals(dynamoDb), recount(dynamoDb), unit, high, tooLow);
    }

    private static String singular(String plural) {
        return plural.endsWith("s") ? plural.substring(0, plural.length() - 1) : plural;
    }
}
