package dev.ddbstreams.labs.votes.planted;

import dev.ddbstreams.aggregation.VoteAggregator;
import dev.ddbstreams.records.EventName;
import dev.ddbstreams.records.Image;
import dev.ddbstreams.windows.Increment;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Planted bug: a MODIFY adds one to its new image's total, as if it were a new vote; the old total keeps it too. */
public final class ModifyCountedAsVote extends PlantedBugCounter {

    public ModifyCountedAsVote() {
        super(record -> {
            if (record.eventName() != EventName.MODIFY) {
                return RIGHT.increments(record);
            }
            Image vote = record.requireNewImage();
            return List.of(Increment.add(Map.of("region", AttributeValue.fromS(vote.string("region")),
                    "improvement", AttributeValue.fromS(vote.string("improvement"))), VoteAggregator.TOTAL, BigDecimal.ONE));
        }, TOTALS_KEY);
    }
}
