package dev.ddbstreams.replication;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import dev.ddbstreams.failures.Failure;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.ChangeRecords;
import org.slf4j.Logger;

/**
 * Where a writer puts a record that can never be applied, so the batch goes on without it. The
 * handlers keep it whole in S3 ({@code S3Quarantine}); a failure to keep it must throw, so the
 * writer fails the record instead of moving past one it did not keep.
 */
@FunctionalInterface
public interface Quarantine {

    void keep(ChangeRecord record, Failure failure);

    /**
     * Quarantines a record as Lambda delivered it, logging to the writer's {@code log}.
     *
     * @return false (logged) when the quarantine failed and the record must be retried
     */
    static boolean keepOrRetry(Quarantine quarantine, DynamodbEvent.DynamodbStreamRecord record, Failure failure,
            Logger log) {
        ChangeRecord change = ChangeRecords.fromLambda(record);
        try {
            quarantine.keep(change, failure);
            log.warn("Quarantined record {} (seq {}): {}", change.eventId(), change.sequenceNumber(), failure.reason());
            return true;
        } catch (RuntimeException e) {
            log.warn("Could not quarantine record {} ({}); it is retried: {}", change.eventId(), failure.reason(),
                    e.toString());
            return false;
        }
    }
}
