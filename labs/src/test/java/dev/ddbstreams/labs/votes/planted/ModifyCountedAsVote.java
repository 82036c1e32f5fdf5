package dev.ddbstreams.labs.votes.planted;

import dev.ddbstreams.labs.planted.ModifyCountedAsNew;

/** Planted bug: a moved or edited vote (a MODIFY) is counted as one more vote. */
public final class ModifyCountedAsVote extends ModifyCountedAsNew {

    public ModifyCountedAsVote() {
        super(Votes.COUNTED);
    }
}
