package dev.ddbstreams.labs.gamescores.planted;

import dev.ddbstreams.labs.planted.PoisonThrown;

/** Planted bug: a score whose Username DynamoDB refuses as a key is thrown, not quarantined, and the shard stops. */
public final class PoisonBlocksShard extends PoisonThrown {

    public PoisonBlocksShard() {
        super(Scores.COUNTED);
    }
}
