package dev.ddbstreams.windows.testing;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import dev.ddbstreams.failures.Failure;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.windows.PoisonRecords;
import dev.ddbstreams.windows.RefusedIncrement;
import dev.ddbstreams.windows.WindowRef;
import java.util.ArrayList;
import java.util.List;

/** A quarantine in memory, for tests of a handler without S3: it keeps what it was given, in order. */
public final class KeptPoison implements PoisonRecords {

    /** A change record (or half of a MODIFY) and why. */
    public record Kept(ChangeRecord record, Failure failure) {
    }

    /** A record that did not parse, and why. */
    public record KeptRaw(DynamodbEvent.DynamodbStreamRecord record, Failure failure) {
    }

    /** A refused increment, its window and the records at hand that touched it. */
    public record KeptIncrement(RefusedIncrement increment, WindowRef window, List<ChangeRecord> records) {
    }

    public final List<Kept> records = new ArrayList<>();
    public final List<KeptRaw> raw = new ArrayList<>();
    public final List<KeptIncrement> increments = new ArrayList<>();

    @Override
    public String quarantine(ChangeRecord record, Failure failure) {
        records.add(new Kept(record, failure));
        return "kept/" + record.sequenceNumber();
    }

    @Override
    public String quarantine(DynamodbEvent.DynamodbStreamRecord record, Failure failure) {
        raw.add(new KeptRaw(record, failure));
        return "kept/raw/" + raw.size();
    }

    @Override
    public String quarantine(RefusedIncrement increment, WindowRef window, List<ChangeRecord> records) {
        increments.add(new KeptIncrement(increment, window, List.copyOf(records)));
        return "kept/increment/" + increments.size();
    }

    /** Nothing of any kind was kept. */
    public boolean isEmpty() {
        return records.isEmpty() && raw.isEmpty() && increments.isEmpty();
    }
}
