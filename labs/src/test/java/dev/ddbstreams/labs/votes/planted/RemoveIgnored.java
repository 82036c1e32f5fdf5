package dev.ddbstreams.labs.votes.planted;

import dev.ddbstreams.records.EventName;
import java.util.List;

/** Planted bug: a REMOVE (a withdrawn vote) is skipped, so its total keeps it. */
public final class RemoveIgnored extends PlantedBugCounter {

    public RemoveIgnored() {
        super(record -> record.eventName() == EventName.REMOVE ? List.of() : RIGHT.increments(record), TOTALS_KEY);
    }
}
