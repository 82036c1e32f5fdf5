package dev.ddbstreams.windows;

import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.EventName;
import dev.ddbstreams.records.Image;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Count, sum, maximum and minimum of a numeric attribute per group, e.g. of {@code reading} per
 * {@code sensor}. The statistics item of a group is keyed by the group attribute itself
 * ({@code {sensor: "s-1"}}) and holds {@value #COUNT}, {@value #SUM}, {@value #MAX} and {@value #MIN}.
 *
 * <p>An item counts when it has a non-empty string group and a number value. INSERT of one adds it
 * to its group; REMOVE (TTL deletes included) takes it out; MODIFY takes the old image out and puts
 * the new one in, which moves it between groups or, in the same group, adds the difference to the
 * sum. So count and sum are exact for the items in the table now.
 *
 * <p>Maximum and minimum are high-water marks: the extremes of every value an item of the group has
 * held since the aggregate began, including values since changed or deleted. Increments can raise
 * a maximum but never lower it: an exact current maximum needs a read of the items (see
 * STATISTICS.md).
 *
 * <p>An INSERT or MODIFY whose new image does not count and whose old image did not either is
 * rejected ({@link InvalidChangeException}: skipped and reported). A MODIFY that makes a counted
 * item invalid takes it out of its group; a REMOVE of an item that never counted changes nothing.
 */
public final class StatisticsAggregator implements ChangeAggregator {

    public static final String COUNT = "item_count";
    public static final String SUM = "value_sum";
    public static final String MAX = "value_max";
    public static final String MIN = "value_min";

    private final String groupBy;
    private final String valueAttribute;

    /**
     * @param groupBy the string attribute that names the group, and the key of the statistics table
     * @param valueAttribute the number attribute to aggregate
     */
    public StatisticsAggregator(String groupBy, String valueAttribute) {
        this.groupBy = Objects.requireNonNull(groupBy, "groupBy");
        this.valueAttribute = Objects.requireNonNull(valueAttribute, "valueAttribute");
    }

    /** One item's contribution: which group, what value. */
    private record Contribution(String group, BigDecimal value) {
    }

    @Override
    public List<Increment> increments(ChangeRecord record) {
        if (record.oldImage().isEmpty() && record.eventName() != EventName.INSERT) {
            throw new InvalidChangeException(record.eventName() + " of " + record.keys().attributes()
                    + " has no OldImage: the source stream must be NEW_AND_OLD_IMAGES to move and remove values");
        }
        Optional<Contribution> before = record.oldImage().flatMap(this::contribution);
        Optional<Contribution> after = record.newImage().flatMap(this::contribution);
        if (record.newImage().isPresent() && after.isEmpty() && before.isEmpty()) {
            throw new InvalidChangeException(record.eventName() + " of " + record.keys().attributes()
                    + " cannot be aggregated: its NewImage needs a non-empty string '" + groupBy
                    + "' and a number '" + valueAttribute + "'");
        }
        if (before.isPresent() && after.isPresent() && before.get().group().equals(after.get().group())) {
            return sameGroup(before.get(), after.get());
        }
        List<Increment> increments = new ArrayList<>(2);
        before.ifPresent(old -> increments.add(new Increment(key(old.group()),
                Map.of(COUNT, BigDecimal.ONE.negate(), SUM, old.value().negate()), Map.of(), Map.of())));
        after.ifPresent(now -> increments.add(new Increment(key(now.group()),
                Map.of(COUNT, BigDecimal.ONE, SUM, now.value()), Map.of(MAX, now.value()), Map.of(MIN, now.value()))));
        return increments;
    }

    /** The statistics key of a group. */
    public Map<String, AttributeValue> key(String group) {
        return Map.of(groupBy, AttributeValue.fromS(group));
    }

    private List<Increment> sameGroup(Contribution before, Contribution after) {
        // compareTo, not equals: 1.0 and 1 are the same number to DynamoDB.
        if (before.value().compareTo(after.value()) == 0) {
            return List.of();
        }
        BigDecimal difference = after.value().subtract(before.value());
        return List.of(new Increment(key(after.group()), Map.of(SUM, difference),
                Map.of(MAX, after.value()), Map.of(MIN, after.value())));
    }

    private Optional<Contribution> contribution(Image image) {
        AttributeValue group = image.attributes().get(groupBy);
        AttributeValue value = image.attributes().get(valueAttribute);
        // Anything else (missing, NULL, a number written as a string) does not count, rather than failing.
        if (group == null || group.s() == null || group.s().isEmpty() || value == null || value.n() == null) {
            return Optional.empty();
        }
        return Optional.of(new Contribution(group.s(), image.number(valueAttribute)));
    }
}
