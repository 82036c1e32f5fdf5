package dev.ddbstreams.labs.planted;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import dev.ddbstreams.failures.Failure;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.windows.PoisonRecords;
import dev.ddbstreams.windows.RefusedIncrement;
import dev.ddbstreams.windows.WindowRef;
import java.util.List;

/** Planted bug's poison destination: none, so a record that can never be counted fails the invocation. */
final class NoQuarantine implements PoisonRecords {

    static final NoQuarantine INSTANCE = new NoQuarantine();

    @Override
    public String quarantine(ChangeRecord record, Failure failure) {
        throw new IllegalStateException("cannot count record " + record.eventId() + ": " + failure.reason());
    }

    @Override
    public String quarantine(DynamodbEvent.DynamodbStreamRecord record, Failure failure) {
        throw new IllegalStateException("cannot count record " + record.getEventID() + ": " + failure.reason());
    }

    @Override
    public String quarantine(RefusedIncrement increment, WindowRef window, List<ChangeRecord> records) {
        throw new IllegalStateException("cannot commit window " + window.id() + ": " + increment.failure().reason());
    }
}
