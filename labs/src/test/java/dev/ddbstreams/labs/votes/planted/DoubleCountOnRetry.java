package dev.ddbstreams.labs.votes.planted;

import dev.ddbstreams.labs.planted.AddedPerRecord;

/** Planted bug: one UpdateItem ADD per vote as each invocation runs, so a replayed batch is counted again. */
public final class DoubleCountOnRetry extends AddedPerRecord {

    public DoubleCountOnRetry() {
        super(Votes.COUNTED);
    }
}
