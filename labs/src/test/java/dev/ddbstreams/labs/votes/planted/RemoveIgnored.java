package dev.ddbstreams.labs.votes.planted;

import dev.ddbstreams.labs.planted.RemoveSkipped;

/** Planted bug: a withdrawn vote (a REMOVE) is not taken off its total. */
public final class RemoveIgnored extends RemoveSkipped {

    public RemoveIgnored() {
        super(Votes.COUNTED);
    }
}
