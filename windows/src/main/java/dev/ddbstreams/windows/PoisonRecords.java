package dev.ddbstreams.windows;

import dev.ddbstreams.failures.Failure;
import dev.ddbstreams.quarantine.S3Quarantine;
import dev.ddbstreams.records.ChangeRecord;

/**
 * Where {@link WindowedAggregation} puts a record that can never be aggregated, whole, before
 * moving on. A failure to keep it throws, which fails the invocation: the record is retried,
 * never dropped.
 */
@FunctionalInterface
public interface PoisonRecords {

    /** @return where it was kept (the quarantine object's key) */
    String quarantine(ChangeRecord record, Failure failure);

    /** The function's records in its S3 quarantine, under the function's name. */
    static PoisonRecords in(S3Quarantine quarantine, String function) {
        return (record, failure) -> quarantine.quarantine(record, failure, function);
    }
}
