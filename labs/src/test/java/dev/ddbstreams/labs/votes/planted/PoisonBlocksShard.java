package dev.ddbstreams.labs.votes.planted;

import dev.ddbstreams.labs.planted.PoisonThrown;

/** Planted bug: a vote whose key DynamoDB refuses is thrown, not quarantined, and the shard stops. */
public final class PoisonBlocksShard extends PoisonThrown {

    public PoisonBlocksShard() {
        super(Votes.COUNTED);
    }
}
