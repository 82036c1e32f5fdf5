package dev.ddbstreams.labs.replication.planted;

import dev.ddbstreams.records.ChangeRecord;
import java.util.HashSet;
import java.util.Set;

/**
 * Planted bug: a replicator that takes each change to arrive once only. It remembers the eventIDs
 * it applied and refuses one seen again ("the replica is out of step"): a batch Lambda runs again
 * after its writes committed fails every time, and the shard is stuck behind changes that are in
 * fact on the replica. (A repeat would have been harmless to apply: a put of the same image.)
 */
public final class ReplayRefused extends PlantedReplicator {

    private final Set<String> applied = new HashSet<>();

    @Override
    protected void apply(ChangeRecord record) {
        if (!applied.add(record.eventId())) {
            throw new IllegalStateException("change " + record.eventId() + " was already applied: refused");
        }
        super.apply(record);
    }
}
