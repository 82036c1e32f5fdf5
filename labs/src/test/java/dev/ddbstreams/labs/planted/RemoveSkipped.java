package dev.ddbstreams.labs.planted;

import dev.ddbstreams.records.EventName;
import java.util.List;

/** Planted bug: a REMOVE is skipped, so its total keeps the deleted item. */
public abstract class RemoveSkipped extends PlantedWindowedCounter {

    protected RemoveSkipped(CountedInto counted) {
        super(counted, record -> record.eventName() == EventName.REMOVE ? List.of() : counted.right().increments(record),
                true);
    }
}
