package dev.ddbstreams.replication;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import dev.ddbstreams.failures.Failure;
import dev.ddbstreams.quarantine.S3Quarantine;
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
     * Keeps a record that does not even read as a change record, as Lambda delivered it. A
     * quarantine that cannot (one given as a lambda) throws, so the record is retried.
     */
    default void keepUnreadable(DynamodbEvent.DynamodbStreamRecord record, Failure failure) {
        throw new UnsupportedOperationException("this quarantine keeps readable change records only");
    }

    /** The handlers' quarantine: records whole in S3 under {@code folder}. */
    static Quarantine s3(S3Quarantine quarantine, String folder) {
        return new Quarantine() {
            @Override
            public void keep(ChangeRecord record, Failure failure) {
                quarantine.quarantine(record, failure, folder);
            }

            @Override
            public void keepUnreadable(DynamodbEvent.DynamodbStreamRecord record, Failure failure) {
                quarantine.quarantine(record, failure, folder);
            }
        };
    }

    /**
     * Quarantines a record as Lambda delivered it, logging to the writer's {@code log}.
     *
     * @return false (logged) when the quarantine failed and the record must be retried
     */
    static boolean keepOrRetry(Quarantine quarantine, DynamodbEvent.DynamodbStreamRecord record, Failure failure,
            Logger log) {
        return keepOrRetry(quarantine, ChangeRecords.fromLambda(record), failure, log);
    }

    /** The same for a record that does not read as a change record ({@link #keepUnreadable}). */
    static boolean keepUnreadableOrRetry(Quarantine quarantine, DynamodbEvent.DynamodbStreamRecord record,
            Failure failure, Logger log) {
        try {
            quarantine.keepUnreadable(record, failure);
            log.warn("Quarantined record {} (unreadable): {}", record.getEventID(), failure.reason());
            return true;
        } catch (RuntimeException e) {
            log.warn("Could not quarantine record {} ({}); it is retried: {}", record.getEventID(), failure.reason(),
                    e.toString());
            return false;
        }
    }

    /** The same for a record already read. */
    static boolean keepOrRetry(Quarantine quarantine, ChangeRecord change, Failure failure, Logger log) {
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
