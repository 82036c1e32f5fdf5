package dev.ddbstreams.replication;

import dev.ddbstreams.failures.Failure;
import dev.ddbstreams.records.ChangeRecord;

/**
 * Where a writer puts a record that can never be applied, so the batch goes on without it. The
 * handlers keep it whole in S3 ({@code S3Quarantine}); a failure to keep it must throw, so the
 * writer fails the record instead of moving past one it did not keep.
 */
@FunctionalInterface
public interface Quarantine {

    void keep(ChangeRecord record, Failure failure);
}
