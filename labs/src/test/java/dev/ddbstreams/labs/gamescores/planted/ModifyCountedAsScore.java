package dev.ddbstreams.labs.gamescores.planted;

import dev.ddbstreams.labs.planted.ModifyCountedAsNew;

/** Planted bug: a corrected, moved or renamed score (a MODIFY) is added as one more score. */
public final class ModifyCountedAsScore extends ModifyCountedAsNew {

    public ModifyCountedAsScore() {
        super(Scores.COUNTED);
    }
}
