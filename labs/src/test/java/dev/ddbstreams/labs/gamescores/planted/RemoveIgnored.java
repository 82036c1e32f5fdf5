package dev.ddbstreams.labs.gamescores.planted;

import dev.ddbstreams.labs.planted.RemoveSkipped;

/** Planted bug: a deleted score (a REMOVE) is not taken off its player's total. */
public final class RemoveIgnored extends RemoveSkipped {

    public RemoveIgnored() {
        super(Scores.COUNTED);
    }
}
