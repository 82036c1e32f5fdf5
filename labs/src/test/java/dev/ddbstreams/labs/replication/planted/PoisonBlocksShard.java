package dev.ddbstreams.labs.replication.planted;

import dev.ddbstreams.failures.Failure;
import dev.ddbstreams.records.ChangeRecord;

/**
 * Planted bug: a record DynamoDB refuses for good is reported as failed instead of quarantined, so
 * Lambda retries the batch from it until its retries run out, then gives the rest of the batch up:
 * the valid changes behind it in that batch never reach the replica, and the poison record is
 * nowhere to read or redrive.
 */
public final class PoisonBlocksShard extends PlantedReplicator {

    @Override
    protected boolean refused(ChangeRecord record, Failure failure) {
        return false;
    }
}
