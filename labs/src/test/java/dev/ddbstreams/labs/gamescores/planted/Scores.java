package dev.ddbstreams.labs.gamescores.planted;

import dev.ddbstreams.gamescores.GameScoreAggregator;
import dev.ddbstreams.labs.planted.CountedInto;
import dev.ddbstreams.limits.DynamoDbLimits;

/** What ScoreSumHandler sums: each player's scores into SCORES_TABLE, keyed by Username. */
final class Scores {

    static final CountedInto COUNTED = new CountedInto(new GameScoreAggregator(), "SCORES_TABLE",
            DynamoDbLimits.forTable(GameScoreAggregator.USERNAME));

    private Scores() {
    }
}
