package dev.ddbstreams.labs.replication.planted;

import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.EventName;

/** Planted bug (the original AWS lab's): a REMOVE is skipped, so the deleted item stays on the replica. */
public final class RemoveIgnored extends PlantedReplicator {

    @Override
    protected void apply(ChangeRecord record) {
        if (record.eventName() != EventName.REMOVE) {
            super.apply(record);
        }
    }
}
