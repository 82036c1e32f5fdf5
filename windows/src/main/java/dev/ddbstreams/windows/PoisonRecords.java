package dev.ddbstreams.windows;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import dev.ddbstreams.failures.Failure;
import dev.ddbstreams.quarantine.S3Quarantine;
import dev.ddbstreams.records.ChangeRecord;
import java.util.List;

/**
 * Where {@link WindowedAggregation} puts what can never be aggregated, before moving on: a record
 * (or the half of a MODIFY that cannot be counted), a record that does not even parse, and a
 * window's increment that DynamoDB refused at commit. A failure to keep one throws, which fails the
 * invocation: it is retried, never dropped.
 */
public interface PoisonRecords {

    /** @return where it was kept (the quarantine object's key) */
    String quarantine(ChangeRecord record, Failure failure);

    /** A record as the Lambda event holds it, when it does not parse as a change record. */
    String quarantine(DynamodbEvent.DynamodbStreamRecord record, Failure failure);

    /**
     * An aggregate item's increment for one window, which DynamoDB refused (see {@link WindowCommitter}).
     *
     * @param records the records still at hand (the final invocation's) whose changes went into it
     */
    String quarantine(RefusedIncrement increment, WindowRef window, List<ChangeRecord> records);

    /** The function's records in its S3 quarantine, under {@code function} (its QUARANTINE_PREFIX folder). */
    static PoisonRecords in(S3Quarantine quarantine, String function) {
        return new PoisonRecords() {
            @Override
            public String quarantine(ChangeRecord record, Failure failure) {
                return quarantine.quarantine(record, failure, function);
            }

            @Override
            public String quarantine(DynamodbEvent.DynamodbStreamRecord record, Failure failure) {
                return quarantine.quarantine(record, failure, function);
            }

            @Override
            public String quarantine(RefusedIncrement increment, WindowRef window, List<ChangeRecord> records) {
                return quarantine.quarantineIncrement(window.streamArn(), window.start(), increment.quarantineName(window),
                        increment.toJson(window), records, increment.failure(), function);
            }
        };
    }
}
