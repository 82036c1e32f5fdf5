package dev.ddbstreams.labs.gamescores.planted;

import dev.ddbstreams.labs.planted.AddedPerRecord;

/** Planted bug: one UpdateItem ADD per score as each invocation runs, so a replayed batch is added again. */
public final class DoubleCountOnRetry extends AddedPerRecord {

    public DoubleCountOnRetry() {
        super(Scores.COUNTED);
    }
}
