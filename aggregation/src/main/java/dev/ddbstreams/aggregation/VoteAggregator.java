package dev.ddbstreams.aggregation;

import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.Image;
import dev.ddbstreams.windows.ChangeAggregator;
import dev.ddbstreams.windows.Increment;
import dev.ddbstreams.windows.InvalidChangeException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A vote's effect on {@code total_votes}: an INSERT adds one to its (region, improvement), a
 * REMOVE withdraws it, a MODIFY that changes region or improvement moves it, and a MODIFY that
 * changes neither does nothing. A vote image without a string region and improvement is not a
 * vote: an INSERT of one is rejected; a MODIFY or REMOVE only undoes what a valid image counted.
 */
public final class VoteAggregator implements ChangeAggregator {

    public static final String TOTAL = "total_votes";

    private static final BigDecimal ONE = BigDecimal.ONE;

    @Override
    public List<Increment> increments(ChangeRecord record) {
        Optional<Map<String, AttributeValue>> before = record.oldImage().flatMap(VoteAggregator::voteKey);
        Optional<Map<String, AttributeValue>> after = record.newImage().flatMap(VoteAggregator::voteKey);
        if (record.newImage().isPresent() && after.isEmpty() && before.isEmpty()) {
            throw new InvalidChangeException("not a vote: " + record.eventName() + " of "
                    + record.keys().attributes() + " has no string 'region' and 'improvement' in its NewImage");
        }
        if (record.oldImage().isEmpty() && record.eventName() != dev.ddbstreams.records.EventName.INSERT) {
            throw new InvalidChangeException(record.eventName() + " without an OldImage: the votes stream must "
                    + "be NEW_AND_OLD_IMAGES to move and withdraw votes");
        }
        if (before.equals(after)) {
            return List.of();
        }
        List<Increment> increments = new ArrayList<>(2);
        before.ifPresent(key -> increments.add(Increment.add(key, TOTAL, ONE.negate())));
        after.ifPresent(key -> increments.add(Increment.add(key, TOTAL, ONE)));
        return increments;
    }

    /** The total_votes key of a valid vote image. */
    static Optional<Map<String, AttributeValue>> voteKey(Image vote) {
        Optional<String> region = stringAttribute(vote, "region");
        Optional<String> improvement = stringAttribute(vote, "improvement");
        if (region.isEmpty() || improvement.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Map.of("region", AttributeValue.fromS(region.get()),
                "improvement", AttributeValue.fromS(improvement.get())));
    }

    private static Optional<String> stringAttribute(Image image, String name) {
        AttributeValue value = image.attributes().get(name);
        return value == null || value.s() == null || value.s().isEmpty() ? Optional.empty() : Optional.of(value.s());
    }
}
