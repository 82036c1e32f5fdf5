package dev.ddbstreams.labs.archive.planted;

import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.EventName;

/** Planted bug: a REMOVE (a deleted bill) is skipped, as if only new images were worth keeping. */
public final class RemoveNotArchived extends PlantedBugArchiver {

    @Override
    protected boolean archives(ChangeRecord change) {
        return change.eventName() != EventName.REMOVE;
    }
}
