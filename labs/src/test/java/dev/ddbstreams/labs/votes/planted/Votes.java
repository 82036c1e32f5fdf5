package dev.ddbstreams.labs.votes.planted;

import dev.ddbstreams.aggregation.VoteAggregator;
import dev.ddbstreams.labs.planted.CountedInto;
import dev.ddbstreams.limits.DynamoDbLimits;

/** What VoteCountHandler counts: votes per region and improvement into TOTALS_TABLE. */
final class Votes {

    static final CountedInto COUNTED = new CountedInto(new VoteAggregator(), "TOTALS_TABLE",
            DynamoDbLimits.forTable("region", "improvement"));

    private Votes() {
    }
}
