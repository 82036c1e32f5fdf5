package dev.ddbstreams.labs.planted;

/**
 * Planted bug: a record that can never be counted is found, but thrown instead of quarantined:
 * the trigger retries it forever (MaximumRetryAttempts -1) and the shard stops behind it.
 */
public abstract class PoisonThrown extends PlantedWindowedCounter {

    protected PoisonThrown(CountedInto counted) {
        super(counted, counted.right(), false);
    }
}
