package dev.ddbstreams.labs.votes.planted;

import dev.ddbstreams.limits.DynamoDbLimits;

/**
 * Planted bug: only the partition key's size is checked, so a vote whose improvement is longer
 * than a sort key may be reaches the window's commit, which DynamoDB refuses every time: the
 * final invoke fails forever and the shard stops.
 */
public final class PoisonBlocksShard extends PlantedBugCounter {

    public PoisonBlocksShard() {
        super(RIGHT, DynamoDbLimits.forTable("region"));
    }
}
